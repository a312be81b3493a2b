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

    /** {@link #terminal} on stderr when the JVM has a terminal (the shell), else {@link #NONE}. */
    static Progress forConsole() {
        return System.console() != null ? terminal(System.err) : NONE;
    }
}
