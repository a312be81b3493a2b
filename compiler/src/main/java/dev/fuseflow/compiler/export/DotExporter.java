package dev.fuseflow.compiler.export;

import dev.fuseflow.simulator.graph.SamGraph;
import dev.fuseflow.simulator.graph.SamOp;
import dev.fuseflow.simulator.graph.Stream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Writes a SAM graph as Graphviz DOT: one box per primitive labelled with its kind, tensor and index
 * variable; one edge per stream labelled with its name, dashed for references, bold for values. Output is
 * deterministic (op order, then port order), so whole strings can be compared in tests.
 */
public final class DotExporter {
    private DotExporter() {
    }

    public static String toDot(SamGraph graph) {
        StringWriter out = new StringWriter();
        write(graph, out);
        return out.toString();
    }

    public static void write(SamGraph graph, Writer out) {
        try {
            out.write("digraph \"" + escape(graph.name()) + "\" {\n");
            out.write("  rankdir=TB;\n  node [shape=box, style=rounded, fontname=\"DejaVu Sans\", fontsize=10];\n");
            out.write("  edge [fontname=\"DejaVu Sans\", fontsize=8];\n");
            for (int i = 0; i < graph.ops().size(); i++) {
                out.write("  n" + i + " [label=\"" + escape(graph.ops().get(i).label()) + "\"];\n");
            }
            for (int i = 0; i < graph.ops().size(); i++) {
                SamOp op = graph.ops().get(i);
                for (int stream : op.outputs()) {
                    int consumer = graph.consumerOf(stream);
                    if (consumer < 0) {
                        continue;
                    }
                    Stream s = graph.stream(stream);
                    String style = switch (s.kind()) {
                        case REF -> ", style=dashed";
                        case VAL -> ", style=bold";
                        default -> "";
                    };
                    out.write("  n" + i + " -> n" + consumer + " [label=\"" + escape(s.name()) + "\"" + style + "];\n");
                }
            }
            out.write("}\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
