package dev.fuseflow.workbench;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code compile}: lower a model under a schedule and emit the SAM graphs as a summary, DOT, JSON or the
 * original's Comal protobuf (binary or text).
 */
@Command(name = "compile", mixinStandardHelpOptions = true,
        description = "Compile a model to SAM graphs and emit them (summary, dot, json, comal-proto, comal-proto-text).")
final class CompileCommand implements Callable<CommandOutput> {

    private final Workbench workbench;

    @Mixin ProgramOptions program = new ProgramOptions();

    @Option(names = "--dataset", paramLabel = "D",
            description = "dataset whose dimensions bind the model's shapes (default: small synthetic data)")
    String dataset;

    @Option(names = "--emit", paramLabel = "FORM", defaultValue = "summary",
            description = "summary (op counts, orders), schedule (assignments, presets, the resolved schedule for "
                    + "--schedule), dot (Graphviz), json (compiler/docs/graph-json.md), "
                    + "comal-proto (binary ComalGraph, needs -o) or comal-proto-text (default: ${DEFAULT-VALUE})")
    String emit;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "write to FILE instead of printing; never over an existing file (Comal forms of a "
                    + "program with several groups write one FILE.g<k>.<ext> per group)")
    String output;

    CompileCommand(Workbench workbench) {
        this.workbench = workbench;
    }

    @Override
    public CommandOutput call() {
        return CompilationRunner.run(this, workbench.cancelled());
    }
}
