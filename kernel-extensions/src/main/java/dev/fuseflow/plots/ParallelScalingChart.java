package dev.fuseflow.plots;

import dev.fuseflow.diagnostics.UserError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.LinkedHashMap;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.Table;

/**
 * The paper's Figure 15: cycles against the parallel factor (total lanes: the product of the {@code par}
 * column's factors, 1 for none), one series per configuration otherwise varying, each with its ideal line
 * (the cycles at its smallest factor divided by the growth in lanes). Both axes are logarithmic, so ideal
 * scaling is a straight line.
 */
public final class ParallelScalingChart {
    private ParallelScalingChart() {
    }

    public static XYChart of(Table table) {
        SweepTable rows = new SweepTable(table, "parallel scaling");
        rows.require("par", "cycles");
        List<Integer> ran = rows.ranRows();
        if (ran.isEmpty()) {
            throw UserError.of("the parallel scaling plot has no rows that ran");
        }
        List<String> seriesBy = rows.varying(ran, List.of("par", "schedule"));
        Map<String, TreeMap<Integer, Double>> series = new LinkedHashMap<>();
        for (int r : ran) {
            series.computeIfAbsent(rows.label(r, seriesBy, "cycles"), s -> new TreeMap<>())
                    .putIfAbsent(lanes(rows.text(r, "par")), rows.number(r, "cycles"));
        }
        XYChart chart = new XYChartBuilder().width(Plots.WIDTH).height(Plots.HEIGHT)
                .title("Cycles vs parallel factor (cf. paper Fig. 15)").xAxisTitle("parallel factor (lanes)")
                .yAxisTitle("cycles").build();
        chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true);
        for (var entry : series.entrySet()) {
            List<Integer> lanes = new ArrayList<>(entry.getValue().keySet());
            List<Double> cycles = new ArrayList<>(entry.getValue().values());
            chart.addSeries(entry.getKey(), lanes, cycles).setMarker(SeriesMarkers.CIRCLE);
            List<Double> ideal = new ArrayList<>();
            for (int k : lanes) {
                ideal.add(cycles.get(0) * lanes.get(0) / k);
            }
            XYSeries line = chart.addSeries(entry.getKey() + " (ideal)", lanes, ideal);
            line.setMarker(SeriesMarkers.NONE).setLineStyle(SeriesLines.DASH_DASH);
        }
        return chart;
    }

    /** Total lanes of a {@code par} cell: {@code i:4,j:2} is 8, {@code none} (or empty) is 1. */
    static int lanes(String par) {
        int lanes = 1;
        if (par.isBlank() || par.equals("none")) {
            return lanes;
        }
        for (String level : par.split("[,+]")) {
            String[] words = level.split(":");
            try {
                lanes *= Integer.parseInt(words[words.length - 1].trim());
            } catch (NumberFormatException e) {
                throw UserError.of("the parallel scaling plot cannot read the par cell '" + par + "' as V:K levels");
            }
        }
        return lanes;
    }
}
