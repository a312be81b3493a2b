package dev.fuseflow.plots;

import dev.fuseflow.diagnostics.UserError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import tech.tablesaw.api.Table;

/**
 * The paper's Figure 14: each configuration's FLOPs against its memory accesses, both normalised to the unfused
 * row of the same model and dataset (unfused sits at (1, 1)); one series per fusion. Dashed lines through the
 * origin mark constant arithmetic intensity (FLOPs per access) at ½×, 1× and 2× unfused's: a point above the 1×
 * line does more work per access than unfused, as fusion that trades recomputation for traffic does.
 */
public final class FlopsMemoryChart {
    /** The intensities, relative to unfused, that get an iso-intensity line. */
    public static final double[] ISO_INTENSITIES = {0.5, 1, 2};

    private FlopsMemoryChart() {
    }

    public static XYChart of(Table table) {
        SweepTable rows = new SweepTable(table, "FLOPs vs memory");
        rows.require("model", "dataset", "fusion", "flops", "memory_accesses");
        double[] flops = Baselines.normalised(table, "flops");
        double[] memory = Baselines.normalised(table, "memory_accesses");
        Map<String, List<double[]>> points = new LinkedHashMap<>();
        double xMax = 0;
        double yMax = 0;
        for (int r : rows.ranRows()) {
            if (Double.isFinite(flops[r]) && Double.isFinite(memory[r])) {
                points.computeIfAbsent(rows.text(r, "fusion"), f -> new ArrayList<>()).add(new double[] {memory[r], flops[r]});
                xMax = Math.max(xMax, memory[r]);
                yMax = Math.max(yMax, flops[r]);
            }
        }
        if (points.isEmpty()) {
            throw UserError.of("the FLOPs vs memory plot needs rows with an unfused baseline and nonzero FLOPs and "
                    + "memory accesses; include unfused in --fusion");
        }
        xMax *= 1.15;
        yMax *= 1.15;
        XYChart chart = new XYChartBuilder().width(Plots.WIDTH).height(Plots.HEIGHT)
                .title("FLOPs vs memory accesses, normalised to unfused (cf. paper Fig. 14)")
                .xAxisTitle("memory accesses / unfused").yAxisTitle("FLOPs / unfused").build();
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(xMax).setYAxisMin(0.0).setYAxisMax(yMax);
        for (double intensity : ISO_INTENSITIES) {
            double xEnd = Math.min(xMax, yMax / intensity);
            XYSeries line = chart.addSeries(isoName(intensity), new double[] {0, xEnd}, new double[] {0, xEnd * intensity});
            line.setMarker(SeriesMarkers.NONE).setLineStyle(SeriesLines.DASH_DASH);
            line.setShowInLegend(true);
        }
        for (var series : points.entrySet()) {
            double[] x = series.getValue().stream().mapToDouble(p -> p[0]).toArray();
            double[] y = series.getValue().stream().mapToDouble(p -> p[1]).toArray();
            chart.addSeries(series.getKey(), x, y).setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        }
        return chart;
    }

    /** The legend name of an iso-intensity line. */
    static String isoName(double intensity) {
        String factor = intensity == 0.5 ? "½" : intensity == Math.rint(intensity) ? Long.toString((long) intensity)
                : Double.toString(intensity);
        return "FLOPs/access = " + factor + "× unfused";
    }
}
