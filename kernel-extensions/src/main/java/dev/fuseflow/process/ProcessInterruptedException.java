package dev.fuseflow.process;

/**
 * The thread waiting for a program was interrupted; the program and its children were killed and the thread's
 * interrupt status is set again, so callers only have to say what was interrupted.
 */
public final class ProcessInterruptedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ProcessInterruptedException(String command) {
        super("interrupted while waiting for '" + command + "'");
    }
}
