package dev.fuseflow.jupyter;

import java.util.List;

/**
 * Java in a cell that JShell rejected (a compile error) or cannot run yet (an unresolved reference).
 * {@link #getMessage()} is the first diagnostic on one line with the symbol it names and its cell line, e.g.
 * {@code cannot find symbol: variable foo (line 2: int x = foo + 1;)}; {@link #details()} holds every
 * diagnostic with its cell line, the offending source line and a caret, as shown in the notebook.
 */
public final class CompileError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<String> details;

    CompileError(String message, List<String> details) {
        super(message);
        this.details = List.copyOf(details);
    }

    /** The lines shown in the notebook's error output. */
    public List<String> details() {
        return details;
    }
}
