package dev.fuseflow.compiler.frontend.mlir;

import dev.fuseflow.diagnostics.UserError;

/** A position in an MLIR source: the file as the user named it, 1-based line and column. */
public record SourceLocation(String file, int line, int column) {

    /** A user error at this position: {@code file:line:col: sentence}. */
    public UserError error(String sentence) {
        return UserError.at(file, line, column, sentence);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
