package dev.fuseflow.jupyter;

import dev.fuseflow.workbench.CommandOutput;
import dev.fuseflow.workbench.CompiledGraph;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.html.HtmlWriteOptions;
import tech.tablesaw.io.html.HtmlWriter;

/**
 * Turns values into Jupyter MIME bundles: Tablesaw tables as {@code text/html}, XChart charts and images as
 * {@code image/png} (base64), compiled graphs as {@code image/svg+xml} plus PNG, always with a {@code text/plain}
 * fallback. Plots are PNG only because Debian's nbconvert blanks SVG in HTML reports.
 */
public final class MimeBundles {

    /** Tables longer than this are cut in the HTML view (the object itself is untouched). */
    static final int MAX_HTML_ROWS = 1000;

    private MimeBundles() {
    }

    /**
     * The bundles a workbench result is shown as: its table (HTML), then its chart (PNG). Empty when the
     * result is text only; the kernel prints that text as the cell's output stream.
     */
    public static List<DisplayData> of(CommandOutput output) {
        List<DisplayData> bundles = new ArrayList<>();
        if (output instanceof CompiledGraph graph) {
            if (!graph.format().equals("dot")) { // DOT text was asked for: the kernel prints it
                bundles.add(graph(graph));
            }
            return bundles;
        }
        output.table().ifPresent(table -> bundles.add(table(table, output.plainText())));
        output.chart().ifPresent(chart -> bundles.add(chart(chart)));
        return bundles;
    }

    /** The bundle for one value shown as a cell's result. */
    public static DisplayData of(Object value) {
        if (value instanceof DisplayData data) {
            return data;
        }
        if (value instanceof Table table) {
            return table(table, table.print());
        }
        if (value instanceof Chart<?, ?> chart) {
            return chart(chart);
        }
        if (value instanceof BufferedImage image) {
            DisplayData data = new DisplayData("<image " + image.getWidth() + "x" + image.getHeight() + ">");
            data.putData("image/png", base64Png(image));
            return data;
        }
        if (value instanceof CommandOutput output) {
            List<DisplayData> bundles = of(output);
            return bundles.isEmpty() ? new DisplayData(output.plainText()) : bundles.get(bundles.size() - 1);
        }
        return new DisplayData(String.valueOf(value));
    }

    /**
     * A compiled graph as Graphviz draws it: SVG for the notebook and PNG beside it for HTML reports (Debian's
     * nbconvert drops SVG), with the summary as text; without Graphviz, the DOT text.
     */
    public static DisplayData graph(CompiledGraph graph) {
        Optional<String> svg = graph.svg();
        if (svg.isEmpty()) {
            return new DisplayData(graph.dot());
        }
        DisplayData data = new DisplayData(graph.summary());
        data.putData("image/svg+xml", svg.get());
        graph.png().ifPresent(png -> data.putData("image/png", Base64.getEncoder().encodeToString(png)));
        return data;
    }

    /** A table as HTML (first {@value #MAX_HTML_ROWS} rows) with {@code plain} as the text fallback. */
    public static DisplayData table(Table table, String plain) {
        Table shown = table.rowCount() > MAX_HTML_ROWS ? table.first(MAX_HTML_ROWS) : table;
        StringWriter html = new StringWriter();
        new HtmlWriter().write(shown, HtmlWriteOptions.builder(html).build());
        if (shown != table) {
            html.append("\n<p>showing the first ").append(String.valueOf(MAX_HTML_ROWS)).append(" of ")
                    .append(String.valueOf(table.rowCount())).append(" rows</p>");
        }
        DisplayData data = new DisplayData(plain);
        data.putHTML(html.toString());
        return data;
    }

    /** A chart as a PNG image. */
    public static DisplayData chart(Chart<?, ?> chart) {
        byte[] png;
        try {
            png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String title = chart.getTitle() == null || chart.getTitle().isBlank() ? "chart" : chart.getTitle();
        DisplayData data = new DisplayData("<" + chart.getClass().getSimpleName() + ": " + title + ">");
        data.putData("image/png", Base64.getEncoder().encodeToString(png));
        return data;
    }

    private static String base64Png(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }
}
