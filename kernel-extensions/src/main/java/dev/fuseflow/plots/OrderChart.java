package dev.fuseflow.plots;

import dev.fuseflow.diagnostics.UserError;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import tech.tablesaw.api.Table;

/**
 * The paper's Figure 17: one bar per dataflow order, its cycles relative to the best order of the same series
 * (1 is the best; the spread is what the choice of order costs). One series per configuration otherwise
 * varying.
 */
public final class OrderChart {
    private OrderChart() {
    }

    public static CategoryChart of(Table table) {
        SweepTable rows = new SweepTable(table, "dataflow order");
        rows.require("order", "cycles");
        List<Integer> ran = rows.ranRows();
        if (ran.isEmpty()) {
            throw UserError.of("the dataflow order plot has no rows that ran");
        }
        List<String> seriesBy = rows.varying(ran, List.of("order"));
        Map<String, Double> best = new HashMap<>();
        for (int r : ran) {
            best.merge(rows.label(r, seriesBy, ""), rows.number(r, "cycles"), Math::min);
        }
        CategoryBars bars = new CategoryBars();
        for (int r : ran) {
            String series = rows.label(r, seriesBy, "");
            bars.put(series, rows.text(r, "order"), rows.number(r, "cycles") / best.get(series));
        }
        return bars.chart("Cycles by dataflow order, relative to the best order (cf. paper Fig. 17)",
                "dataflow order", "cycles / best order's cycles");
    }
}
