package dev.fuseflow.plots;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.knowm.xchart.CategoryChart;
import tech.tablesaw.api.Table;

/**
 * One bar per configuration of any sweep, labelled by the coordinates that vary: the speedup over unfused when
 * some fused row has a baseline, otherwise the cycles. Empty when no row ran.
 */
public final class ConfigurationChart {
    private ConfigurationChart() {
    }

    public static Optional<CategoryChart> of(Table table) {
        SweepTable rows = new SweepTable(table, "configuration");
        rows.require("cycles");
        List<Integer> ran = rows.ranRows();
        if (ran.isEmpty()) {
            return Optional.empty();
        }
        double[] speedups = rows.has("fusion") ? Baselines.speedups(table) : new double[table.rowCount()];
        boolean speedup = false;
        for (int r : ran) {
            speedup |= rows.has("fusion") && !rows.text(r, "fusion").equals("unfused") && !Double.isNaN(speedups[r]);
        }
        List<String> labelBy = rows.varying(ran, List.of("schedule"));
        CategoryBars bars = new CategoryBars();
        Set<String> used = new HashSet<>();
        for (int r : ran) {
            if (speedup && Double.isNaN(speedups[r])) {
                continue; // no unfused baseline for this one
            }
            String label = rows.label(r, labelBy, rows.text(r, "model"));
            for (int n = 2; !used.add(label); n++) {
                label = rows.label(r, labelBy, rows.text(r, "model")) + " #" + n;
            }
            bars.put("", label, speedup ? speedups[r] : rows.number(r, "cycles"));
        }
        return Optional.of(speedup
                ? bars.chart("Speedup over unfused per configuration", "configuration", "speedup over unfused (×)")
                : bars.chart("Cycles per configuration", "configuration", "cycles"));
    }
}
