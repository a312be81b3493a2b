package dev.fuseflow.workbench;

import dev.fuseflow.compiler.CompiledProgram;
import dev.fuseflow.compiler.export.SummaryPrinter;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The result of {@code graph} (and of {@code FuseFlow.compile} in a notebook): a compiled program with the DOT
 * text of the part drawn (the whole program, one cluster per fusion group, or one group), and its drawing by
 * Graphviz as SVG or PNG, made on first use and kept. A notebook shows the SVG (and PNG, which HTML reports
 * keep); without Graphviz, the DOT text.
 */
public final class CompiledGraph implements CommandOutput {
    private final CompiledProgram compiled;
    private final Integer group;
    private final String dot;
    private final String text;
    private final String format;
    private Optional<byte[]> svg;
    private Optional<byte[]> png;

    CompiledGraph(CompiledProgram compiled, Integer group, String dot, String text, String format) {
        this.compiled = compiled;
        this.group = group;
        this.dot = dot;
        this.text = text;
        this.format = format;
    }

    /** The form asked for: {@code svg} and {@code png} are pictures, {@code dot} is text (shown as text). */
    public String format() {
        return format;
    }

    /** A drawing already made (by the command), so it is not drawn again. */
    synchronized void drawn(String format, Optional<byte[]> drawing) {
        if (format.equals("svg")) {
            svg = drawing;
        } else {
            png = drawing;
        }
    }

    /** The compiled program: its groups, orders and SAM graphs. */
    public CompiledProgram compiled() {
        return compiled;
    }

    /** The group drawn, or empty for the whole program. */
    public Optional<Integer> group() {
        return Optional.ofNullable(group);
    }

    /** The Graphviz DOT text of the drawing. */
    public String dot() {
        return dot;
    }

    /** The drawing as SVG text, when Graphviz is installed. */
    public synchronized Optional<String> svg() {
        if (svg == null) {
            svg = Graphviz.render(dot, "svg");
        }
        return svg.map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    /** The drawing as PNG bytes, when Graphviz is installed. */
    public synchronized Optional<byte[]> png() {
        if (png == null) {
            png = Graphviz.render(dot, "png");
        }
        return png.map(byte[]::clone);
    }

    /** Op counts and orders per group, as {@code compile --emit summary} prints them. */
    public String summary() {
        return SummaryPrinter.print(compiled);
    }

    @Override
    public String plainText() {
        return text;
    }
}
