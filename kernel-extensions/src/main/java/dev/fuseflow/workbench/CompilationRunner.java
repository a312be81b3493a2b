package dev.fuseflow.workbench;

import dev.fuseflow.compiler.CompiledGroup;
import dev.fuseflow.compiler.CompiledProgram;
import dev.fuseflow.compiler.export.DotExporter;
import dev.fuseflow.compiler.export.SummaryPrinter;
import dev.fuseflow.datasets.DatasetRegistry;
import dev.fuseflow.diagnostics.UserError;
import java.util.List;
import java.util.Map;
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
        var model = ResolvedModel.zooModel(command.program.model);
        var dataset = DatasetRegistry.resolve(command.dataset == null ? DEFAULT_DATASET : command.dataset, 1, 1);
        Map<String, Integer> dims = ResolvedModel.dimensions(model, dataset);
        CompiledProgram compiled = ResolvedModel.resolve(model, command.program, dims).compile(command.program.order);
        StringBuilder text = new StringBuilder();
        if (command.emit.equals("dot")) {
            for (CompiledGroup group : compiled.groups()) {
                text.append(DotExporter.toDot(group.graph()));
            }
        } else {
            text.append(SummaryPrinter.print(compiled));
        }
        if (command.output != null) {
            OutputFiles.writeNew(command.output, text.toString());
            return CommandOutput.text("wrote " + command.output);
        }
        return CommandOutput.text(text.toString());
    }
}
