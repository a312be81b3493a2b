package dev.fuseflow.report;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The provenance block at the top of a report, as self-contained HTML (inline styles, no scripts): what code,
 * which notebook, the models, schedules, datasets and seeds, timing profiles, every run, the machine and the
 * date.
 */
public final class ProvenanceBlock {

    /** The id of the block's element, for readers and tests. */
    public static final String ID = "fuseflow-provenance";

    private static final String STYLE = "font-family: system-ui, sans-serif; font-size: 13px; margin: 16px auto; "
            + "max-width: 1100px; padding: 12px 16px; border: 1px solid #c8ccd0; border-left: 6px solid #3b6ea8; "
            + "background: #f5f7fa; color: #1d2329;";
    private static final String CELL = "padding: 2px 10px 2px 0; vertical-align: top; text-align: left;";

    private ProvenanceBlock() {
    }

    /** The block for {@code provenance}. */
    public static String html(Provenance provenance) {
        StringBuilder html = new StringBuilder();
        html.append("<section id=\"").append(ID).append("\" style=\"").append(STYLE).append("\">\n");
        html.append("<h2 style=\"margin: 0 0 8px 0; font-size: 16px;\">How this report was produced</h2>\n");
        html.append("<table style=\"border-collapse: collapse;\">\n");
        SourceVersion source = provenance.source();
        row(html, "FuseFlow", "version " + source.version() + ", commit " + source.commit()
                + (source.dirty() ? " with uncommitted changes" : ""));
        row(html, "Notebook", provenance.notebook() + " (SHA-256 " + provenance.notebookSha256() + ")");
        if (provenance.runs().runs().isEmpty()) {
            row(html, "Runs", "no %fuseflow command ran in this notebook");
        } else {
            rows(html, "Model", provenance.models());
            rows(html, "Schedule", provenance.schedules());
            rows(html, "Dataset and seed", provenance.datasets());
            rows(html, "Timing profile", provenance.timings());
        }
        MachineInfo machine = provenance.machine();
        row(html, "Machine", machine.cpu() + ", " + machine.cores() + " cores, "
                + (machine.memoryBytes() > 0 ? gib(machine.memoryBytes()) + " memory" : "memory unknown") + ", "
                + machine.os());
        row(html, "JDK", provenance.jdk() + provenance.kernelHeap().map(h -> ", kernel heap " + gib(h)).orElse(""));
        row(html, "Date", provenance.generated().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + " (executing the "
                + "notebook took " + String.format(Locale.ROOT, "%.1f s", provenance.executed().toMillis() / 1000.0)
                + ")");
        html.append("</table>\n");
        if (!provenance.runs().runs().isEmpty()) {
            runs(html, provenance.runs().runs());
        }
        html.append("</section>\n");
        return html.toString();
    }

    private static void runs(StringBuilder html, List<RunLog.Run> runs) {
        html.append("<details style=\"margin-top: 8px;\"><summary>").append(runs.size())
                .append(runs.size() == 1 ? " workbench command" : " workbench commands")
                .append(" with every option value</summary>\n<table style=\"border-collapse: collapse; margin-top: 4px;\">\n")
                .append("<tr><th style=\"").append(CELL).append("\">cell</th><th style=\"").append(CELL)
                .append("\">command</th><th style=\"").append(CELL).append("\">options as run</th><th style=\"")
                .append(CELL).append("\">wall</th><th style=\"").append(CELL).append("\">outcome</th><th style=\"")
                .append(CELL).append("\">result</th></tr>\n");
        for (RunLog.Run run : runs) {
            StringBuilder options = new StringBuilder();
            run.options().forEach((name, value) -> options.append(name).append(' ').append(shorten(value)).append("  "));
            html.append("<tr><td style=\"").append(CELL).append("\">").append(run.cell() > 0 ? run.cell() : "")
                    .append("</td><td style=\"").append(CELL).append("\"><code>").append(escape(run.command()))
                    .append("</code></td><td style=\"").append(CELL).append("\"><code>")
                    .append(escape(options.toString().strip().isEmpty() ? shorten(String.join(" ", run.words()))
                            : options.toString().strip()))
                    .append("</code></td><td style=\"").append(CELL).append("\">")
                    .append(String.format(Locale.ROOT, "%.1f s", run.wallMillis() / 1000.0)).append("</td><td style=\"")
                    .append(CELL).append("\">").append(escape(shorten(run.outcome()))).append("</td><td style=\"")
                    .append(CELL).append("\">").append(escape(shorten(results(run)))).append("</td></tr>\n");
        }
        html.append("</table></details>\n");
    }

    private static String results(RunLog.Run run) {
        StringBuilder text = new StringBuilder();
        run.results().forEach((name, value) -> text.append(name).append(' ').append(value).append(", "));
        return text.length() == 0 ? "" : text.substring(0, text.length() - 2);
    }

    private static void rows(StringBuilder html, String name, List<String> values) {
        row(html, name, values.isEmpty() ? "(none given)" : String.join("\n", values));
    }

    private static void row(StringBuilder html, String name, String value) {
        html.append("<tr><th style=\"").append(CELL).append(" white-space: nowrap;\">").append(escape(name))
                .append("</th><td style=\"").append(CELL).append("\">")
                .append(escape(value).replace("\n", "<br>\n")).append("</td></tr>\n");
    }

    /** Long values (an inline einsum program) are cut for the table; the run log keeps them whole. */
    private static String shorten(String text) {
        String oneLine = text == null ? "" : text.replaceAll("\\s*\\R\\s*", " ");
        return oneLine.length() > 160 ? oneLine.substring(0, 157) + "..." : oneLine;
    }

    private static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
