package dev.fuseflow.workbench;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import dev.fuseflow.plots.Baselines;
import dev.fuseflow.plots.BlockSizeChart;
import dev.fuseflow.plots.ConfigurationChart;
import dev.fuseflow.plots.FlopsMemoryChart;
import dev.fuseflow.plots.OrderChart;
import dev.fuseflow.plots.ParallelScalingChart;
import dev.fuseflow.plots.SpeedupChart;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The result of {@code sweep} (and {@code compare}): one {@link SweepRow} per configuration in grid order, as a
 * Tablesaw table, JSON, CSV, aligned text and a chart. In a notebook it shows as the table plus the chart; the
 * figure plots of {@link dev.fuseflow.plots} take {@link #toTable()} (shortcuts below).
 */
public final class SweepResult implements CommandOutput {

    /** The rows and what running them took. */
    record Rows(List<SweepRow> rows, int cached, int simulated, int errors, int threads, double wallMs) {
    }

    /** How the shell shows it. */
    enum Format { TEXT, JSON, CSV }

    /** The columns the text of {@code compare} shows, after the coordinates that vary. */
    private static final List<String> COMPARE_COLUMNS = List.of("cycles", "speedup", "flops", "flops_vs_unfused",
            "memory_accesses", "memory_accesses_vs_unfused", "verified");
    /** The columns the text of {@code sweep} shows, after the coordinates that vary. */
    private static final List<String> SWEEP_COLUMNS = List.of("cycles", "flops", "memory_accesses",
            "dram_bytes_read", "dram_bytes_written", "verified", "max_rel_error", "wall_ms", "speedup");

    private final Rows run;
    private final Table table;
    private final Format format;
    private final boolean comparison;

    SweepResult(Rows run, Format format, boolean comparison) {
        this.run = run;
        this.format = format;
        this.comparison = comparison;
        Table unrated = build(run.rows());
        fillRatios(unrated, run.rows());
        this.table = build(run.rows());
    }

    /** The rows in grid order. */
    public List<SweepRow> rows() {
        return run.rows();
    }

    /** Every row and column as a Tablesaw table named {@code sweep} (a copy: changing it changes nothing here). */
    public Table toTable() {
        return table.copy();
    }

    @Override
    public Optional<Table> table() {
        return Optional.of(toTable());
    }

    /** Speedup bars for a comparison; one bar per configuration for a sweep (empty when nothing ran). */
    @Override
    public Optional<Chart<?, ?>> chart() {
        if (comparison && hasBaselines()) {
            return Optional.of(SpeedupChart.of(table));
        }
        return ConfigurationChart.of(table).map(chart -> (Chart<?, ?>) chart);
    }

    /** Figure 12: speedup over unfused by model, dataset and fusion. */
    public CategoryChart speedupChart() {
        return SpeedupChart.of(table);
    }

    /** Figure 14: FLOPs vs memory accesses, normalised to unfused. */
    public XYChart flopsMemoryChart() {
        return FlopsMemoryChart.of(table);
    }

    /** Figure 15: cycles vs parallel factor with the ideal line. */
    public XYChart parallelScalingChart() {
        return ParallelScalingChart.of(table);
    }

    /** Figure 16: cycles by block size. */
    public CategoryChart blockSizeChart() {
        return BlockSizeChart.of(table);
    }

    /** Figure 17: cycles by dataflow order, relative to the best. */
    public CategoryChart orderChart() {
        return OrderChart.of(table);
    }

    /** Configurations whose result came from the cache. */
    public int cachedCount() {
        return run.cached();
    }

    /** Configurations simulated by this run. */
    public int simulatedCount() {
        return run.simulated();
    }

    /** Rows with an error. */
    public int errorCount() {
        return run.errors();
    }

    /** Wall time of the run (cache reads and simulations), in milliseconds. */
    public double wallMillis() {
        return run.wallMs();
    }

    private boolean hasBaselines() {
        return run.rows().stream().anyMatch(row -> row.get("speedup") != null);
    }

    @Override
    public String plainText() {
        return switch (format) {
            case JSON -> jsonText();
            case CSV -> csv();
            case TEXT -> text();
        };
    }

    @Override
    public Optional<String> json() {
        return Optional.of(jsonText());
    }

    /** A JSON array with one object per row, every column present (null when empty). */
    String jsonText() {
        JsonArray array = new JsonArray();
        run.rows().forEach(row -> array.add(row.json()));
        return new GsonBuilder().disableHtmlEscaping().serializeNulls().setPrettyPrinting().create().toJson(array) + "\n";
    }

    /** CSV with a header line; empty cells for missing values; text quoted where it needs to be. */
    String csv() {
        StringBuilder csv = new StringBuilder(String.join(",", SweepRow.COLUMNS.keySet())).append('\n');
        for (SweepRow row : run.rows()) {
            List<String> cells = new ArrayList<>();
            row.cells().values().forEach(value -> cells.add(csvCell(value)));
            csv.append(String.join(",", cells)).append('\n');
        }
        return csv.toString();
    }

    private static String csvCell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value instanceof Double d ? number(d) : value.toString();
        if (text.contains(",") || text.contains("\"") || text.contains("\n")) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    /** The summary line, an aligned table of the coordinates that vary and the main statistics, then errors. */
    String text() {
        List<SweepRow> rows = run.rows();
        List<String> headers = new ArrayList<>(varyingCoordinates());
        for (String column : comparison ? COMPARE_COLUMNS : SWEEP_COLUMNS) {
            if (!column.equals("speedup") || hasBaselines()) {
                headers.add(column);
            }
        }
        if (rows.stream().anyMatch(r -> r.get("estimated_cycles") != null)) {
            headers.add("estimated_cycles");
        }
        headers.add("status");
        List<List<String>> cells = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (SweepRow row : rows) {
            List<String> line = new ArrayList<>();
            for (String column : headers.subList(0, headers.size() - 1)) {
                Object value = row.get(column);
                line.add(value == null ? "" : value instanceof Double d ? number(d) : value.toString());
            }
            if (row.failed()) {
                errors.add("[" + (errors.size() + 1) + "] " + row.get("error"));
                line.add("error [" + errors.size() + "]");
            } else {
                line.add(Boolean.TRUE.equals(row.get("pruned")) ? "pruned"
                        : Boolean.TRUE.equals(row.get("cached")) ? "cached" : "ok");
            }
            cells.add(line);
        }
        StringBuilder text = new StringBuilder(summary()).append('\n');
        String fixed = fixedCoordinates(headers);
        if (!fixed.isEmpty()) {
            text.append("every row: ").append(fixed).append('\n');
        }
        text.append('\n').append(TextTable.render(headers, cells));
        if (!errors.isEmpty()) {
            text.append('\n');
            errors.forEach(e -> text.append(e).append('\n'));
        }
        return text.toString();
    }

    /** {@code 6 configurations: 4 simulated, 2 from the cache, 1 error; 1.2 s on 2 threads}. */
    public String summary() {
        int n = run.rows().size();
        return (comparison ? "compare: " : "sweep: ") + n + (n == 1 ? " configuration: " : " configurations: ")
                + run.simulated() + " run, " + run.cached() + " from the cache"
                + (pruned() == 0 ? "" : ", " + pruned() + " pruned by the cost model")
                + (run.errors() == 0 ? "" : ", " + run.errors() + (run.errors() == 1 ? " error" : " errors"))
                + String.format(Locale.ROOT, "; %.1f s", run.wallMs() / 1000)
                + (run.simulated() == 0 ? "" : " on " + run.threads() + (run.threads() == 1 ? " thread" : " threads"));
    }

    private long pruned() {
        return run.rows().stream().filter(r -> Boolean.TRUE.equals(r.get("pruned"))).count();
    }

    /** {@code values=block-timing block=16 timing=comal}: the coordinates every row shares and the table omits. */
    private String fixedCoordinates(List<String> shown) {
        List<String> parts = new ArrayList<>();
        for (String column : SweepRow.COORDINATES) {
            if (shown.contains(column) || column.equals("schedule") || run.rows().isEmpty()) {
                continue;
            }
            run.rows().stream().map(row -> row.get(column)).filter(java.util.Objects::nonNull).findFirst()
                    .ifPresent(value -> parts.add(column + "=" + value));
        }
        return String.join(" ", parts);
    }

    private List<String> varyingCoordinates() {
        List<String> varying = new ArrayList<>();
        for (String column : SweepRow.COORDINATES) {
            Set<String> values = new LinkedHashSet<>();
            run.rows().forEach(row -> values.add(String.valueOf(row.get(column))));
            boolean always = column.equals("model") || column.equals("dataset") || column.equals("fusion");
            if (always || values.size() > 1 && !column.equals("schedule")) {
                varying.add(column);
            }
        }
        return varying;
    }

    private static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return "infinity";
        }
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.4g", value);
    }

    /** Speedup and FLOPs/memory relative to unfused, written into the rows. */
    private static void fillRatios(Table table, List<SweepRow> rows) {
        double[] speedups = Baselines.speedups(table);
        double[] flops = Baselines.normalised(table, "flops");
        double[] memory = Baselines.normalised(table, "memory_accesses");
        for (int r = 0; r < rows.size(); r++) {
            rows.get(r).set("speedup", finite(speedups[r]));
            rows.get(r).set("flops_vs_unfused", finite(flops[r]));
            rows.get(r).set("memory_accesses_vs_unfused", finite(memory[r]));
        }
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? Math.round(value * 1e6) / 1e6 : null;
    }

    /** The table, one typed column per {@link SweepRow#COLUMNS} entry, missing cells for nulls. */
    static Table build(List<SweepRow> rows) {
        List<Column<?>> columns = new ArrayList<>();
        for (Map.Entry<String, SweepRow.Kind> entry : SweepRow.COLUMNS.entrySet()) {
            String name = entry.getKey();
            columns.add(switch (entry.getValue()) {
                case TEXT -> {
                    StringColumn c = StringColumn.create(name);
                    rows.forEach(row -> {
                        if (row.get(name) == null) {
                            c.appendMissing();
                        } else {
                            c.append(row.get(name).toString());
                        }
                    });
                    yield c;
                }
                case INT -> {
                    IntColumn c = IntColumn.create(name);
                    rows.forEach(row -> {
                        if (row.get(name) == null) {
                            c.appendMissing();
                        } else {
                            c.append(((Number) row.get(name)).intValue());
                        }
                    });
                    yield c;
                }
                case LONG -> {
                    LongColumn c = LongColumn.create(name);
                    rows.forEach(row -> {
                        if (row.get(name) == null) {
                            c.appendMissing();
                        } else {
                            c.append(((Number) row.get(name)).longValue());
                        }
                    });
                    yield c;
                }
                case DOUBLE -> {
                    DoubleColumn c = DoubleColumn.create(name);
                    rows.forEach(row -> {
                        if (row.get(name) == null) {
                            c.appendMissing();
                        } else {
                            c.append(((Number) row.get(name)).doubleValue());
                        }
                    });
                    yield c;
                }
                case BOOLEAN -> {
                    BooleanColumn c = BooleanColumn.create(name);
                    rows.forEach(row -> {
                        if (row.get(name) == null) {
                            c.appendMissing();
                        } else {
                            c.append((Boolean) row.get(name));
                        }
                    });
                    yield c;
                }
            });
        }
        return Table.create("sweep", columns);
    }
}
