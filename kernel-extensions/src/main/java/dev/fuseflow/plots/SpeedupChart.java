package dev.fuseflow.plots;

import dev.fuseflow.diagnostics.UserError;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import tech.tablesaw.api.Table;

/**
 * The paper's Figure 12: speedup over unfused, grouped by model and dataset (categories), one bar per fusion
 * preset (series). Rows without an unfused baseline are left out.
 */
public final class SpeedupChart {
    private SpeedupChart() {
    }

    public static CategoryChart of(Table table) {
        SweepTable rows = new SweepTable(table, "speedup");
        rows.require("model", "dataset", "fusion", "cycles");
        double[] speedups = Baselines.speedups(table);
        List<Integer> ran = new ArrayList<>();
        for (int r : rows.ranRows()) {
            if (!Double.isNaN(speedups[r])) {
                ran.add(r);
            }
        }
        if (ran.isEmpty()) {
            throw UserError.of("the speedup plot needs rows with an unfused baseline; include unfused in --fusion");
        }
        List<String> groupBy = new ArrayList<>(List.of("model", "dataset"));
        groupBy.retainAll(rows.varying(ran, List.of()));
        rows.varying(ran, List.of("model", "dataset", "fusion", "schedule", "order")).forEach(groupBy::add);
        CategoryBars bars = new CategoryBars();
        for (int r : ran) {
            String fallback = rows.text(r, "model") + " · " + rows.text(r, "dataset");
            bars.put(rows.text(r, "fusion"), rows.label(r, groupBy, fallback), speedups[r]);
        }
        return bars.chart("Speedup over unfused (cf. paper Fig. 12)", "model · dataset",
                "speedup over unfused (×)");
    }
}
