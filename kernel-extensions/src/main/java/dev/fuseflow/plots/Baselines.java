package dev.fuseflow.plots;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.Table;

/**
 * Ratios to the unfused row of the same configuration: the row with fusion {@code unfused} that agrees on
 * model, dataset, parallelization, value mode, block, timing, FIFO depth, memory model and decoder count (the first in table
 * order when several, e.g. one per dataflow order). Rows without such a baseline get NaN.
 */
public final class Baselines {
    /** The columns a row and its unfused baseline must agree on. */
    public static final List<String> MATCH = List.of("model", "dataset", "par", "values", "block", "timing", "fifo",
            "memory", "decoders");

    private Baselines() {
    }

    /** Speedup over unfused: the baseline's cycles over the row's (1 for the unfused row itself). */
    public static double[] speedups(Table table) {
        SweepTable rows = new SweepTable(table, "speedup");
        rows.require("fusion", "cycles");
        double[] ratios = ratios(rows, "cycles");
        double[] speedups = new double[ratios.length];
        for (int r = 0; r < ratios.length; r++) {
            speedups[r] = 1 / ratios[r];
        }
        return speedups;
    }

    /** The row's {@code column} divided by its baseline's (e.g. FLOPs normalised to unfused). */
    public static double[] normalised(Table table, String column) {
        SweepTable rows = new SweepTable(table, "normalised " + column);
        rows.require("fusion", column);
        return ratios(rows, column);
    }

    private static double[] ratios(SweepTable rows, String column) {
        Map<String, Integer> baseline = new HashMap<>();
        List<Integer> ran = rows.ranRows();
        for (int r : ran) {
            if (rows.text(r, "fusion").equals("unfused")) {
                baseline.putIfAbsent(key(rows, r), r);
            }
        }
        double[] ratios = new double[rows.table().rowCount()];
        java.util.Arrays.fill(ratios, Double.NaN);
        for (int r : ran) {
            Integer base = baseline.get(key(rows, r));
            if (base != null) {
                ratios[r] = rows.number(r, column) / rows.number(base, column);
            }
        }
        return ratios;
    }

    private static String key(SweepTable rows, int r) {
        List<String> parts = new ArrayList<>();
        for (String column : MATCH) {
            parts.add(rows.text(r, column));
        }
        return String.join("\u0000", parts);
    }
}
