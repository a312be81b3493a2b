/**
 * The shell entry point of the shaded jar ({@code java -jar fuseflow.jar ...}, normally reached through
 * the {@code ./fuseflow} launcher at the repository root). {@link dev.fuseflow.cli.Main} sends
 * {@code kernel install} to the Jupyter kernel installer and every other command to the
 * {@link dev.fuseflow.workbench.Workbench}, and maps the outcome once to exit codes: 0 success,
 * 2 a user mistake ({@link dev.fuseflow.diagnostics.UserError}, one line on stderr), 130 cancelled,
 * 1 an internal failure (with its stack trace). {@code notebook} and {@code test} are handled by the
 * launcher itself; they need Jupyter and Maven, not the jar.
 */
package dev.fuseflow.cli;
