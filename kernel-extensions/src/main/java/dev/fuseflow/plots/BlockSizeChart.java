package dev.fuseflow.plots;

import dev.fuseflow.diagnostics.UserError;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import tech.tablesaw.api.Table;

/**
 * The paper's Figure 16: cycles for each block size (categories; scalar values are their own category), one
 * series per configuration otherwise varying (model, dataset, fusion, ...).
 */
public final class BlockSizeChart {
    private BlockSizeChart() {
    }

    public static CategoryChart of(Table table) {
        SweepTable rows = new SweepTable(table, "block size");
        rows.require("block", "cycles");
        List<Integer> ran = rows.ranRows();
        if (ran.isEmpty()) {
            throw UserError.of("the block size plot has no rows that ran");
        }
        List<String> seriesBy = rows.varying(ran, List.of("block", "values", "schedule"));
        CategoryBars bars = new CategoryBars();
        for (int r : ran) {
            String block = rows.text(r, "block");
            bars.put(rows.label(r, seriesBy, ""), block.isEmpty() ? "scalar" : block, rows.number(r, "cycles"));
        }
        return bars.chart("Cycles by block size (cf. paper Fig. 16)", "block size (b×b tiles)", "cycles");
    }
}
