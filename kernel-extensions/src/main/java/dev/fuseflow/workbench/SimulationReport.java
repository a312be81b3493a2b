package dev.fuseflow.workbench;

import com.google.gson.GsonBuilder;
import dev.fuseflow.compiler.CompiledProgram;
import dev.fuseflow.compiler.run.GroupResult;
import dev.fuseflow.compiler.run.RunResult;
import dev.fuseflow.simulator.stats.Statistics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The result of {@code simulate} in every form a front door shows: one JSON object (contract names of
 * ARCHITECTURE.md §3.3–3.4), CSV, aligned text, a Tablesaw table of the statistics and an XChart bar chart
 * of the memory traffic by array kind.
 */
public final class SimulationReport {
    private final Map<String, Object> fields = new LinkedHashMap<>();
    private final Statistics total;
    private final String title;
    private final String shortTitle;

    SimulationReport(String model, String dataset, CompiledProgram compiled, RunResult result, String timing,
            String memory, String values, int block) {
        this.total = result.total();
        this.title = model + " on " + dataset + " (" + compiled.fusion() + ")";
        this.shortTitle = model + ", " + compiled.fusion();
        fields.put("model", model);
        fields.put("dataset", dataset);
        fields.put("fusion", compiled.fusion());
        fields.put("order", compiled.groups().stream().map(g -> "g" + g.index() + ":" + g.order().name())
                .collect(Collectors.joining(",")));
        fields.put("timing", timing);
        fields.put("memory", memory);
        fields.put("values", values);
        fields.put("block", block);
        total.asMap().forEach(fields::put);
        fields.put("verified", result.verified());
        fields.put("max_rel_error", finite(result.maxRelError()));
        double simulationMs = result.groups().stream().mapToDouble(g -> g.simulation().wallMillis()).sum();
        fields.put("wall_ms", round(simulationMs));
        fields.put("total_wall_ms", round(result.wallMillis()));
        fields.put("composed", false);
        List<Map<String, Object>> groups = new ArrayList<>();
        for (GroupResult group : result.groups()) {
            Map<String, Object> g = new LinkedHashMap<>();
            Statistics s = group.simulation().statistics();
            g.put("group", group.group());
            g.put("order", group.order());
            g.put("cycles", s.cycles());
            g.put("flops", s.flops());
            g.put("memory_accesses", s.memoryAccesses());
            g.put("tokens", s.tokens());
            g.put("wall_ms", round(group.simulation().wallMillis()));
            groups.add(g);
        }
        fields.put("groups", groups);
        List<String> problems = result.verifications().stream().filter(v -> !v.verified())
                .map(v -> v.tensor() + ": " + v.problem()).toList();
        if (!problems.isEmpty()) {
            fields.put("verification_problems", problems);
        }
    }

    private static Object finite(double value) {
        return Double.isFinite(value) ? value : "infinity";
    }

    private static double round(double ms) {
        return Math.round(ms * 1000) / 1000.0;
    }

    /** The fields in order (statistics by contract name, then verification and cost). */
    public Map<String, Object> fields() {
        return fields;
    }

    public Statistics statistics() {
        return total;
    }

    String json() {
        return new GsonBuilder().disableHtmlEscaping().create().toJson(fields);
    }

    String csv() {
        StringBuilder header = new StringBuilder();
        StringBuilder row = new StringBuilder();
        fields.forEach((key, value) -> {
            if (!(value instanceof List)) {
                header.append(header.length() == 0 ? "" : ",").append(key);
                row.append(row.length() == 0 ? "" : ",").append(value);
            }
        });
        return header + "\n" + row + "\n";
    }

    String text() {
        StringBuilder text = new StringBuilder(title).append('\n');
        fields.forEach((key, value) -> {
            if (!(value instanceof List)) {
                text.append(String.format("  %-22s %s%n", key, value));
            }
        });
        return text.toString();
    }

    Table table() {
        StringColumn names = StringColumn.create("statistic");
        StringColumn values = StringColumn.create("value");
        fields.forEach((key, value) -> {
            if (!(value instanceof List)) {
                names.append(key);
                values.append(String.valueOf(value));
            }
        });
        return Table.create(title, names, values);
    }

    CategoryChart chart() {
        CategoryChart chart = new CategoryChartBuilder().width(640).height(360)
                .title("Memory accesses by array").xAxisTitle("array (" + shortTitle + ")").yAxisTitle("accesses").build();
        chart.getStyler().setLegendVisible(false);
        List<String> kinds = List.of("crd_reads", "seg_reads", "val_reads", "crd_writes", "seg_writes", "val_writes");
        Map<String, Long> stats = total.asMap();
        chart.addSeries("accesses", kinds, kinds.stream().map(stats::get).map(Long::doubleValue).toList());
        return chart;
    }

    /** The command's output: {@code text} for the shell, the table and chart for a notebook. */
    SimulationOutput output(String text) {
        return new SimulationOutput(this, text);
    }
}
