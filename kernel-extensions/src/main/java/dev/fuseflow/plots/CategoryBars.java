package dev.fuseflow.plots;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * Grouped bars: one value per (category, series) pair, categories and series in order of first appearance; a
 * pair with no value leaves a gap. The first value given for a pair wins (rows come in grid order).
 */
final class CategoryBars {
    private final Map<String, Map<String, Double>> values = new LinkedHashMap<>();
    private final List<String> categories = new ArrayList<>();

    void put(String series, String category, double value) {
        if (!categories.contains(category)) {
            categories.add(category);
        }
        values.computeIfAbsent(series, s -> new LinkedHashMap<>()).putIfAbsent(category, value);
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    CategoryChart chart(String title, String xTitle, String yTitle) {
        CategoryChart chart = new CategoryChartBuilder().width(Plots.WIDTH).height(Plots.HEIGHT).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setLegendVisible(values.size() > 1 || !values.containsKey(""));
        chart.getStyler().setXAxisLabelRotation(categories.size() > 6 ? 45 : 0);
        chart.getStyler().setAvailableSpaceFill(0.8);
        for (var series : values.entrySet()) {
            List<Double> ys = new ArrayList<>();
            for (String category : categories) {
                ys.add(series.getValue().get(category));
            }
            chart.addSeries(series.getKey().isEmpty() ? yTitle : series.getKey(), categories, ys);
        }
        return chart;
    }
}
