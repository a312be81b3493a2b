/**
 * Plots of sweep results, the figures of the paper's evaluation: speedup over unfused (Fig 12), FLOPs against
 * memory accesses normalised to unfused (Fig 14), cycles against the parallel factor (Fig 15), block sizes
 * (Fig 16) and dataflow orders (Fig 17), plus one bar per configuration for any sweep. Every plot takes a
 * Tablesaw table whose columns carry the statistics names of ARCHITECTURE.md §3.3 (the rows of {@code sweep}),
 * returns a titled, labelled XChart chart, and {@link dev.fuseflow.plots.Plots#png} turns it into PNG bytes.
 */
package dev.fuseflow.plots;
