package dev.fuseflow.workbench;

/** A run stopped because the user asked (Ctrl-C in a notebook's interrupt); not an error in the input. */
public final class CancelledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CancelledException(String what) {
        super(what + " was interrupted");
    }
}
