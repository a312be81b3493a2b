package dev.fuseflow.workbench;

import dev.fuseflow.compiler.CompiledProgram;
import dev.fuseflow.compiler.export.DotExporter;
import dev.fuseflow.diagnostics.UserError;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code graph}: a picture of a compiled SAM graph, drawn by Graphviz {@code dot} from the compiler's DOT export;
 * the DOT text itself when Graphviz is missing (or asked for).
 */
@Command(name = "graph", mixinStandardHelpOptions = true,
        description = {"Draw the SAM graph of a compiled model with Graphviz: SVG (default), PNG (with -o) or the DOT "
                + "text. Several fusion groups are drawn as clusters of one picture; --group picks one.",
                "Without Graphviz's dot on the PATH, svg prints the DOT text instead (with a note on stderr)."})
final class GraphCommand implements Callable<CommandOutput> {
    static final List<String> FORMATS = List.of("svg", "dot", "png");

    @Mixin ProgramOptions program = new ProgramOptions();

    @Option(names = "--dataset", paramLabel = "D",
            description = "dataset whose dimensions bind the model's shapes (default: small synthetic data)")
    String dataset;

    @Option(names = "--group", paramLabel = "N", description = "draw only fusion group N (g0, g1, ... in the summary)")
    Integer group;

    @Option(names = "--format", paramLabel = "FORM", defaultValue = "svg",
            description = "svg, dot or png (png needs -o) (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write to FILE (never over an existing file)")
    String output;

    @Override
    public CommandOutput call() {
        if (!FORMATS.contains(format)) {
            throw UserError.of("--format " + format + " is not available", FORMATS);
        }
        if (format.equals("png") && output == null) {
            throw UserError.of("--format png is binary, which is not printable; add -o FILE, or use --format svg");
        }
        if (output != null) {
            OutputFiles.requireNew(output);
        }
        ResolvedModel resolved = ResolvedModel.forCompile(program, dataset, CompilationRunner.DEFAULT_DATASET);
        CompiledProgram compiled = resolved.compile(program.order);
        String dot;
        if (group == null) {
            dot = DotExporter.toDot(compiled);
        } else {
            if (group < 0 || group >= compiled.groups().size()) {
                throw UserError.of("--group " + group + " does not exist; " + program.model + " under fusion "
                        + program.fusion + " has groups 0 to " + (compiled.groups().size() - 1));
            }
            dot = DotExporter.toDot(compiled.groups().get(group).graph());
        }
        Optional<byte[]> drawing = format.equals("dot") ? Optional.empty() : Graphviz.render(dot, format);
        if (!format.equals("dot") && drawing.isEmpty()) {
            if (format.equals("png")) {
                throw UserError.of("--format png needs Graphviz's dot on the PATH (Debian package graphviz); "
                        + "use --format dot for the DOT text");
            }
            System.err.println("fuseflow: note: Graphviz's dot is not on the PATH (Debian package graphviz); "
                    + "printing the DOT text instead of SVG");
        }
        byte[] content = drawing.orElse(dot.getBytes(StandardCharsets.UTF_8));
        String text;
        if (output != null) {
            OutputFiles.writeNew(output, content);
            text = "wrote " + output;
        } else {
            text = new String(content, StandardCharsets.UTF_8);
        }
        // warnings go to stderr: stdout is the picture, which may be redirected into a file
        resolved.warnings.forEach(w -> System.err.println("fuseflow: warning: " + w));
        CompiledGraph graph = new CompiledGraph(compiled, group, dot, text, format);
        if (format.equals("svg")) {
            graph.drawn("svg", drawing);
        } else if (format.equals("png")) {
            graph.drawn("png", drawing);
        }
        return graph;
    }
}
