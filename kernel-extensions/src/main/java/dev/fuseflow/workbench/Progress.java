package dev.fuseflow.workbench;

import java.io.PrintStream;

/**
 * Where long commands report how far they are: the shell shows one line on stderr that is rewritten in place
 * ({@link #terminal}); the kernel passes its own to {@link Workbench#Workbench(java.util.function.BooleanSupplier,
 * Progress)} and updates one display in place. Called from worker threads, one call at a time.
 */
@FunctionalInterface
public interface Progress {

    /** Reports nothing (tests, and runs whose output is not a terminal). */
    Progress NONE = (task, done, total, detail) -> { };

    /**
     * @param task   what is running, e.g. {@code sweep}
     * @param done   units finished so far (0 when the task starts)
     * @param total  units in all; {@code done == total} is the last call for this task
     * @param detail a short phrase about the state, e.g. {@code 3 cached, 1 error}
     */
    void update(String task, int done, int total, String detail);

    /** A progress line on {@code err}, rewritten with a carriage return, ended by a newline when done. */
    static Progress terminal(PrintStream err) {
        return new TerminalProgress(err);
    }

    /**
     * System property the {@code ./fuseflow} launcher sets to {@code true} when stderr is a terminal; Java 17
     * cannot tell which of its own streams is one ({@code System.console()} needs stdin and stdout).
     */
    String STDERR_IS_TERMINAL = "fuseflow.stderrIsTerminal";

    /**
     * {@link #terminal} on stderr when stderr is a terminal (the launcher says so, or without it the JVM has a
     * console), else {@link #NONE}; so {@code ./fuseflow sweep --json > out.json} still shows its progress.
     */
    static Progress forConsole() {
        String launcher = System.getProperty(STDERR_IS_TERMINAL);
        boolean terminal = launcher != null ? Boolean.parseBoolean(launcher) : System.console() != null;
        return terminal ? terminal(System.err) : NONE;
    }
}
