package dev.fuseflow.compiler.export;

import dev.fuseflow.compiler.CompiledGroup;
import dev.fuseflow.compiler.CompiledProgram;
import dev.fuseflow.simulator.graph.SamGraph;
import dev.fuseflow.simulator.graph.SamOp;
import dev.fuseflow.simulator.graph.Stream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Locale;

/**
 * Writes SAM graphs as Graphviz DOT. Each primitive is a box whose first line is its kind and whose second
 * line says what it works on (tensor, index variable, operation); each stream is an edge labelled with
 * what it carries ({@code crd}, {@code ref}, {@code val}) and its name, dashed for references and bold
 * for values. A program with several fusion groups becomes one digraph with one cluster per group, so a
 * single {@code dot -Tsvg} call draws it. Output is deterministic (op order, then port order).
 */
public final class DotExporter {
    private DotExporter() {
    }

    /** One graph as a digraph of its own. */
    public static String toDot(SamGraph graph) {
        StringWriter out = new StringWriter();
        write(graph, out);
        return out.toString();
    }

    public static void write(SamGraph graph, Writer out) {
        try {
            header(out, graph.name());
            body(out, graph, "n", "  ");
            out.write("}\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A compiled program: one digraph, one cluster per fusion group (a single group is drawn bare). */
    public static String toDot(CompiledProgram compiled) {
        if (compiled.groups().size() == 1) {
            return toDot(compiled.groups().get(0).graph());
        }
        StringWriter out = new StringWriter();
        try {
            header(out, compiled.program().name());
            for (CompiledGroup group : compiled.groups()) {
                out.write("  subgraph \"cluster_g" + group.index() + "\" {\n");
                out.write("    label=\"" + escape("g" + group.index() + ": assignments " + group.assignments()
                        + ", order " + group.order().name()) + "\";\n");
                body(out, group.graph(), "g" + group.index() + "n", "    ");
                out.write("  }\n");
            }
            out.write("}\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void header(Writer out, String name) throws IOException {
        out.write("digraph \"" + escape(name) + "\" {\n");
        out.write("  rankdir=TB;\n  node [shape=box, style=rounded, fontname=\"DejaVu Sans\", fontsize=10];\n");
        out.write("  edge [fontname=\"DejaVu Sans\", fontsize=8];\n");
    }

    private static void body(Writer out, SamGraph graph, String prefix, String indent) throws IOException {
        for (int i = 0; i < graph.ops().size(); i++) {
            out.write(indent + prefix + i + " [label=\"" + escape(nodeLabel(graph.ops().get(i))) + "\"];\n");
        }
        for (int i = 0; i < graph.ops().size(); i++) {
            for (int stream : graph.ops().get(i).outputs()) {
                int consumer = graph.consumerOf(stream);
                if (consumer < 0) {
                    continue;
                }
                Stream s = graph.stream(stream);
                String style = switch (s.kind()) {
                    case REF -> ", style=dashed";
                    case VAL -> ", style=bold";
                    case CRD -> "";
                };
                out.write(indent + prefix + i + " -> " + prefix + consumer + " [label=\"" + escape(edgeLabel(s))
                        + "\"" + style + "];\n");
            }
        }
    }

    /** Kind on the first line, the op's own description (its label less a repeated kind) on the second. */
    static String nodeLabel(SamOp op) {
        String label = op.label();
        String detail = label.startsWith(op.kind() + " ") ? label.substring(op.kind().length() + 1) : label;
        return detail.equals(op.kind()) ? op.kind() : op.kind() + "\n" + detail;
    }

    /** What the stream carries, then its name without a repeated kind suffix: {@code crd A.i}. */
    static String edgeLabel(Stream stream) {
        String kind = stream.kind().name().toLowerCase(Locale.ROOT);
        String name = stream.name().endsWith("." + kind)
                ? stream.name().substring(0, stream.name().length() - kind.length() - 1) : stream.name();
        return kind + " " + name;
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
