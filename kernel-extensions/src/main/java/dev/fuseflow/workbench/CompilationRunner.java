package dev.fuseflow.workbench;

import dev.fuseflow.diagnostics.UserError;
import java.util.function.BooleanSupplier;

/** Runs {@code compile}: resolves the model, lowers it and emits the graphs. */
final class CompilationRunner {
    private CompilationRunner() {
    }

    static CommandOutput run(CompileCommand command, BooleanSupplier cancelled) {
        throw UserError.of("compile is being built");
    }
}
