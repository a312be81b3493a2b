/**
 * {@code fuseflow report NOTEBOOK}: reproducible HTML reports of notebooks.
 *
 * <ul>
 *   <li>{@link dev.fuseflow.report.ReportCommand}: the command; never replaces an existing file without
 *       {@code --force};</li>
 *   <li>{@link dev.fuseflow.report.NbconvertExecutor}: runs Debian's {@code jupyter nbconvert --execute --to html}
 *       with a private kernelspec for the running jar;</li>
 *   <li>{@link dev.fuseflow.report.RunLog}: what the kernel ran (every workbench command with every option
 *       value, defaults included), written by the kernel when {@code FUSEFLOW_RUN_LOG} names a file;</li>
 *   <li>{@link dev.fuseflow.report.Provenance}, {@link dev.fuseflow.report.SourceVersion},
 *       {@link dev.fuseflow.report.MachineInfo}: how the report was produced;
 *       {@link dev.fuseflow.report.ProvenanceBlock} renders it and {@link dev.fuseflow.report.HtmlReport} puts
 *       it first in the page and drops links to files outside it.</li>
 * </ul>
 */
package dev.fuseflow.report;
