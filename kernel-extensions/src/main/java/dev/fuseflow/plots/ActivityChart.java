package dev.fuseflow.plots;

import dev.fuseflow.compiler.run.GroupResult;
import dev.fuseflow.compiler.run.RunResult;
import dev.fuseflow.diagnostics.UserError;
import dev.fuseflow.simulator.engine.PrimitiveStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Per-primitive activity over time: one horizontal bar per primitive from its first to its last active
 * cycle, primitives numbered down the y axis group after group (groups run one after another, so a group's
 * bars start where the previous group ended), one colour per primitive kind. It shows where a fused graph
 * pipelines (overlapping bars) and which primitives stay busy longest.
 */
public final class ActivityChart {
    /** Beyond this many primitives the bars are too thin to read; the first ones are drawn. */
    static final int MAX_PRIMITIVES = 400;

    private ActivityChart() {
    }

    public static XYChart of(RunResult run, String title) {
        Map<String, List<double[]>> byKind = new LinkedHashMap<>();
        long offset = 0;
        int row = 0;
        for (GroupResult group : run.groups()) {
            for (PrimitiveStats p : group.simulation().primitives()) {
                if (row == MAX_PRIMITIVES) {
                    break;
                }
                if (p.lastActiveCycle() < p.firstActiveCycle() || p.firstActiveCycle() < 0) {
                    continue; // never active
                }
                byKind.computeIfAbsent(p.kind(), k -> new ArrayList<>()).add(new double[] {
                        offset + p.firstActiveCycle(), offset + p.lastActiveCycle() + 1, row++});
            }
            offset += group.simulation().statistics().cycles();
        }
        if (byKind.isEmpty()) {
            throw UserError.of("the activity plot has no primitive that was active");
        }
        XYChart chart = new XYChartBuilder().width(900).height(Math.max(300, Math.min(1200, 40 + row * 6)))
                .title("Primitive activity over time: " + title).xAxisTitle("cycle")
                .yAxisTitle("primitive (in graph order, group after group)").build();
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        chart.getStyler().setYAxisDecimalPattern("#");
        for (var entry : byKind.entrySet()) {
            // one series per kind: each bar is a segment, separated by a gap (NaN) from the next
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (double[] bar : entry.getValue()) {
                xs.add(bar[0]);
                ys.add(bar[2]);
                xs.add(bar[1]);
                ys.add(bar[2]);
                xs.add(Double.NaN);
                ys.add(Double.NaN);
            }
            XYSeries series = chart.addSeries(entry.getKey(), xs, ys);
            series.setMarker(SeriesMarkers.NONE);
        }
        return chart;
    }
}
