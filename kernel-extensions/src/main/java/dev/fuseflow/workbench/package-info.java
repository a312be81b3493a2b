/**
 * The workbench: one picocli command grammar (simulate, compile, datasets, bench) shared by ./fuseflow and the %fuseflow magics; results as JSON, CSV, text, Tablesaw tables and XChart charts.
 */
package dev.fuseflow.workbench;
