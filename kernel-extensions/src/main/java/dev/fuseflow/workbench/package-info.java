/**
 * The workbench: one picocli command grammar (simulate, compile, datasets, bench) shared by ./fuseflow and the %fuseflow magics; results as JSON, CSV, text, Tablesaw tables and XChart charts.
 * Long runs report to the {@link dev.fuseflow.simulator.engine.ProgressListener} the front door passes in;
 * {@code MemoryEstimate} and {@code MemoryBudget} refuse a run that would not fit the heap before it starts;
 * {@link dev.fuseflow.workbench.OptionValues} lists what option values complete to.
 */
package dev.fuseflow.workbench;
