package dev.fuseflow.workbench;

import dev.fuseflow.compiler.CompiledGroup;
import dev.fuseflow.compiler.CompiledProgram;
import dev.fuseflow.compiler.export.DotExporter;
import dev.fuseflow.compiler.export.SummaryPrinter;
import dev.fuseflow.diagnostics.UserError;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Runs {@code compile}: resolves the model, lowers it and emits the graphs. */
final class CompilationRunner {
    /** Dimensions used when no dataset is named: small enough to print, large enough to be typical. */
    private static final String DEFAULT_DATASET = "synthetic:rows=100,cols=100,density=0.05,features=16,seed=1";

    private CompilationRunner() {
    }

    static CommandOutput run(CompileCommand command, BooleanSupplier cancelled) {
        if (!List.of("dot", "summary").contains(command.emit)) {
            throw UserError.of("--emit " + command.emit + " is not available", List.of("dot", "summary"));
        }
        ResolvedModel resolved = ResolvedModel.forCompile(command.program, command.dataset, DEFAULT_DATASET);
        CompiledProgram compiled = resolved.compile(command.program.order);
        StringBuilder text = new StringBuilder();
        if (command.emit.equals("dot")) {
            for (CompiledGroup group : compiled.groups()) {
                text.append(DotExporter.toDot(group.graph()));
            }
        } else {
            text.append(SimulationRunner.warningLines(resolved.warnings)).append(SummaryPrinter.print(compiled));
        }
        if (command.output != null) {
            OutputFiles.writeNew(command.output, text.toString());
            return CommandOutput.text("wrote " + command.output);
        }
        return CommandOutput.text(text.toString());
    }
}
