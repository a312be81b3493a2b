package dev.fuseflow.workbench;

import dev.fuseflow.diagnostics.UserError;
import java.util.function.BooleanSupplier;

/** Runs {@code simulate}: resolves model and dataset, compiles, simulates, verifies, builds the report. */
final class SimulationRunner {
    private SimulationRunner() {
    }

    static CommandOutput run(SimulateCommand command, BooleanSupplier cancelled) {
        throw UserError.of("simulate is being built");
    }
}
