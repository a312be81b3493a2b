package dev.fuseflow.workbench;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code compile}: lower a model under a schedule and emit the SAM graph as DOT or a summary. */
@Command(name = "compile", mixinStandardHelpOptions = true,
        description = "Compile a model to SAM graphs and emit them (dot or summary).")
final class CompileCommand implements Callable<CommandOutput> {

    private final Workbench workbench;

    @Mixin ProgramOptions program = new ProgramOptions();

    @Option(names = "--dataset", paramLabel = "D",
            description = "dataset whose dimensions bind the model's shapes (default: small synthetic data)")
    String dataset;

    @Option(names = "--emit", paramLabel = "FORM", defaultValue = "summary",
            description = "dot or summary (default: ${DEFAULT-VALUE})")
    String emit;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write to FILE instead of printing")
    String output;

    CompileCommand(Workbench workbench) {
        this.workbench = workbench;
    }

    @Override
    public CommandOutput call() {
        return CompilationRunner.run(this, workbench.cancelled());
    }
}
