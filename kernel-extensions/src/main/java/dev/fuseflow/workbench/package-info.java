/**
 * The workbench: one picocli command grammar (simulate, compile, sweep, compare, graph, datasets, bench) shared by ./fuseflow and the %fuseflow magics; results as JSON, CSV, text, Tablesaw tables and XChart charts. Sweeps expand a grid of configurations (SweepGrid), run them on a thread pool (SweepRunner) and cache each result by a content hash (ResultCache).
 */
package dev.fuseflow.workbench;
