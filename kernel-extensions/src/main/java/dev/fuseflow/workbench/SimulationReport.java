package dev.fuseflow.workbench;

import com.google.gson.GsonBuilder;
import dev.fuseflow.compiler.CompiledProgram;
import dev.fuseflow.compiler.run.GroupResult;
import dev.fuseflow.compiler.run.RunResult;
import dev.fuseflow.compiler.zoo.DecoderComposition;
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
    /** The run behind the report (its groups' per-primitive statistics feed the activity plot). */
    private final RunResult result;
    private final String title;
    private final String shortTitle;

    /** The report of one simulated program, not composed. */
    SimulationReport(String model, String dataset, CompiledProgram compiled, RunResult result, String timing,
            String memory, String values, int block) {
        this(model, dataset, compiled, result, null, timing, memory, values, block);
    }

    /**
     * @param composed the totals of {@code --decoders N}, or null: with it the statistics are the composed
     *                 totals, {@code composed} is true and every group carries its part and multiplicity
     */
    SimulationReport(String model, String dataset, CompiledProgram compiled, RunResult result,
            ComposedDecoders composed, String timing, String memory, String values, int block) {
        this.total = composed == null ? result.total() : composed.total();
        this.result = result;
        this.title = model + " on " + dataset + " (" + compiled.fusion() + ")";
        this.shortTitle = model + ", " + compiled.fusion();
        fields.put("model", model);
        fields.put("dataset", dataset);
        fields.put("fusion", compiled.fusion());
        fields.put("order", result.groups().stream().map(g -> "g" + g.group() + ":" + g.order())
                .collect(Collectors.joining(",")));
        fields.put("timing", timing);
        fields.put("memory", memory);
        fields.put("values", values);
        fields.put("block", block);
        total.asMap().forEach(fields::put);
        List<RunResult> runs = new ArrayList<>(List.of(result));
        if (composed != null && composed.lastResult() != null) {
            runs.add(composed.lastResult());
        }
        boolean checked = runs.stream().allMatch(RunResult::checked);
        fields.put("verified", checked ? runs.stream().allMatch(RunResult::verified) : null);
        fields.put("max_rel_error", finite(runs.stream().mapToDouble(RunResult::maxRelError).max().orElse(0)));
        double simulationMs = runs.stream().flatMap(r -> r.groups().stream())
                .mapToDouble(g -> g.simulation().wallMillis()).sum();
        fields.put("wall_ms", round(simulationMs));
        fields.put("total_wall_ms", round(runs.stream().mapToDouble(RunResult::wallMillis).sum()));
        fields.put("composed", composed != null);
        if (composed != null) {
            fields.put("decoders", composed.rule().decoders());
            fields.put("composition", composed.rule().formula());
        }
        List<Map<String, Object>> groups = new ArrayList<>();
        for (GroupResult group : result.groups()) {
            Map<String, Object> g = group(group);
            if (composed != null) {
                DecoderComposition.Term term = composed.rule().terms().get(group.group());
                g.put("assignments", term.assignments());
                g.put("part", term.part().word());
                g.put("multiplicity", term.multiplicity());
            }
            groups.add(g);
        }
        if (composed != null && composed.lastResult() != null) {
            int tailStart = composed.rule().lastProgramStart();
            for (GroupResult group : composed.lastResult().groups()) {
                Map<String, Object> g = group(group);
                g.put("assignments", composed.last().groups().get(group.group()).assignments().stream()
                        .map(a -> a + tailStart).toList());
                g.put("part", DecoderComposition.Part.LAST.word());
                g.put("multiplicity", 1);
                groups.add(g);
            }
        }
        fields.put("groups", groups);
        List<String> problems = runs.stream().flatMap(r -> r.verifications().stream()).filter(v -> !v.verified())
                .map(v -> v.tensor() + ": " + v.problem()).toList();
        if (!problems.isEmpty()) {
            fields.put("verification_problems", problems);
        }
        runs.stream().map(RunResult::verificationSkipped).filter(java.util.Objects::nonNull).findFirst()
                .ifPresent(reason -> fields.put("verification_skipped", reason));
    }

    /**
     * Adds {@code field} to every group entry, valued by {@code value} from the group's index and whether it is a
     * group of the last decoder's tail (indexed within that program) rather than of the simulated program.
     */
    @SuppressWarnings("unchecked")
    void labelGroups(String field, java.util.function.BiFunction<Integer, Boolean, Object> value) {
        for (Map<String, Object> group : (List<Map<String, Object>>) fields.get("groups")) {
            boolean last = DecoderComposition.Part.LAST.word().equals(group.get("part"));
            group.put(field, value.apply((Integer) group.get("group"), last));
        }
    }

    private static Map<String, Object> group(GroupResult group) {
        Map<String, Object> g = new LinkedHashMap<>();
        Statistics s = group.simulation().statistics();
        g.put("group", group.group());
        g.put("order", group.order());
        g.put("cycles", s.cycles());
        g.put("flops", s.flops());
        g.put("memory_accesses", s.memoryAccesses());
        g.put("tokens", s.tokens());
        g.put("wall_ms", round(group.simulation().wallMillis()));
        return g;
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

    /** The simulated run (for a composed report: the one simulation of each group). */
    public RunResult run() {
        return result;
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
