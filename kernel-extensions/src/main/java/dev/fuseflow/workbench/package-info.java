/**
 * The workbench: one picocli command grammar (simulate, compile, sweep, compare, graph, datasets, bench) shared by ./fuseflow and the %fuseflow magics; results as JSON, CSV, text, Tablesaw tables and XChart charts. Sweeps expand a grid of configurations (SweepGrid), run them on a thread pool (SweepRunner) and cache each result by a content hash (ResultCache).
 * Long runs report to the {@link dev.fuseflow.workbench.Progress} the front door passes in (a simulate run
 * through {@code SimulationProgress}, fed by the engine's {@link dev.fuseflow.simulator.engine.ProgressListener});
 * {@code MemoryEstimate} and {@code MemoryBudget} refuse a run that would not fit the heap before it starts
 * ({@code MemoryGate} does so per configuration of a sweep and keeps its threads within the heap together);
 * {@link dev.fuseflow.workbench.OptionValues} lists what option values complete to.
 */
package dev.fuseflow.workbench;
