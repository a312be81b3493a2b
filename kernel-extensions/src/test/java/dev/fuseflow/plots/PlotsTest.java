package dev.fuseflow.plots;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuseflow.diagnostics.UserError;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Each figure plot on a hand-made table of sweep rows: titles, axes, series and values; PNG bytes. */
class PlotsTest {

    /** Rows of a sweep table: model, dataset, fusion, order, par, block, cycles, flops, memory_accesses, error. */
    private static Table table(Object[]... rows) {
        StringColumn model = StringColumn.create("model");
        StringColumn dataset = StringColumn.create("dataset");
        StringColumn fusion = StringColumn.create("fusion");
        StringColumn order = StringColumn.create("order");
        StringColumn par = StringColumn.create("par");
        IntColumn block = IntColumn.create("block");
        LongColumn cycles = LongColumn.create("cycles");
        LongColumn flops = LongColumn.create("flops");
        LongColumn memory = LongColumn.create("memory_accesses");
        StringColumn error = StringColumn.create("error");
        for (Object[] row : rows) {
            model.append((String) row[0]);
            dataset.append((String) row[1]);
            fusion.append((String) row[2]);
            order.append((String) row[3]);
            par.append((String) row[4]);
            if (row[5] == null) {
                block.appendMissing();
            } else {
                block.append((Integer) row[5]);
            }
            if (row[6] == null) {
                cycles.appendMissing();
                flops.appendMissing();
                memory.appendMissing();
                error.append((String) row[9]);
            } else {
                cycles.append(((Number) row[6]).longValue());
                flops.append(((Number) row[7]).longValue());
                memory.append(((Number) row[8]).longValue());
                error.appendMissing();
            }
        }
        return Table.create("sweep", model, dataset, fusion, order, par, block, cycles, flops, memory, error);
    }

    private static Object[] row(String model, String dataset, String fusion, long cycles, long flops, long memory) {
        return new Object[] {model, dataset, fusion, "ikj", "none", null, cycles, flops, memory, null};
    }

    private static final Table FUSIONS = table(
            row("zoo:gcn", "cora", "unfused", 1000, 100, 400),
            row("zoo:gcn", "cora", "partial", 500, 100, 200),
            row("zoo:gcn", "cora", "full", 2000, 400, 100),
            row("zoo:gcn", "dblp", "unfused", 3000, 300, 900),
            row("zoo:gcn", "dblp", "partial", 1000, 300, 300),
            new Object[] {"zoo:gcn", "dblp", "full", "ikj", "none", null, null, null, null, "refused"});

    private static void assertPng(Chart<?, ?> chart) {
        byte[] png = Plots.png(chart);
        assertTrue(png.length > 1000, "PNG of " + png.length + " bytes");
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(png, 4));
    }

    private static List<Double> values(CategorySeries series) {
        List<Double> values = new ArrayList<>();
        series.getYData().forEach(v -> values.add(v == null ? null : v.doubleValue()));
        return values;
    }

    @Test
    void speedupOverUnfusedGroupsByDatasetWithOneBarPerFusion() {
        CategoryChart chart = SpeedupChart.of(FUSIONS);
        assertEquals("Speedup over unfused (cf. paper Fig. 12)", chart.getTitle());
        assertEquals("speedup over unfused (×)", chart.getYAxisTitle());
        assertEquals(List.of("unfused", "partial", "full"), List.copyOf(chart.getSeriesMap().keySet()));
        CategorySeries partial = chart.getSeriesMap().get("partial");
        assertEquals(List.of("cora", "dblp"), List.copyOf(partial.getXData()));
        assertEquals(List.of(2.0, 3.0), values(partial));
        assertEquals(java.util.Arrays.asList(0.5, null), values(chart.getSeriesMap().get("full")));
        assertEquals(List.of(1.0, 1.0), values(chart.getSeriesMap().get("unfused")));
        assertPng(chart);
    }

    @Test
    void flopsAgainstMemoryNormalisedToUnfusedWithIsoIntensityLines() {
        XYChart chart = FlopsMemoryChart.of(FUSIONS);
        assertEquals("FLOPs vs memory accesses, normalised to unfused (cf. paper Fig. 14)", chart.getTitle());
        assertEquals("memory accesses / unfused", chart.getXAxisTitle());
        assertEquals("FLOPs / unfused", chart.getYAxisTitle());
        var series = chart.getSeriesMap();
        for (double intensity : FlopsMemoryChart.ISO_INTENSITIES) {
            XYSeries line = series.get(FlopsMemoryChart.isoName(intensity));
            double[] x = line.getXData();
            double[] y = line.getYData();
            assertEquals(intensity, y[1] / x[1], 1e-12, "iso line " + intensity);
        }
        XYSeries full = series.get("full");
        assertArrayEquals(new double[] {0.25}, full.getXData(), 1e-12);
        assertArrayEquals(new double[] {4.0}, full.getYData(), 1e-12);
        XYSeries partial = series.get("partial");
        assertArrayEquals(new double[] {0.5, 1.0 / 3}, partial.getXData(), 1e-12);
        assertArrayEquals(new double[] {1.0, 1.0}, partial.getYData(), 1e-12);
        assertPng(chart);
    }

    @Test
    void cyclesAgainstTheParallelFactorWithTheIdealLine() {
        Table table = table(
                new Object[] {"zoo:gcn", "cora", "unfused", "ikj", "none", null, 800, 1, 1, null},
                new Object[] {"zoo:gcn", "cora", "unfused", "ikj", "i:2", null, 450, 1, 1, null},
                new Object[] {"zoo:gcn", "cora", "unfused", "ikj", "i:2,j:2", null, 300, 1, 1, null},
                new Object[] {"zoo:gcn", "dblp", "unfused", "ikj", "none", null, 1600, 1, 1, null},
                new Object[] {"zoo:gcn", "dblp", "unfused", "ikj", "i:4", null, 500, 1, 1, null});
        XYChart chart = ParallelScalingChart.of(table);
        assertEquals("Cycles vs parallel factor (cf. paper Fig. 15)", chart.getTitle());
        assertEquals("parallel factor (lanes)", chart.getXAxisTitle());
        assertEquals(List.of("cora", "cora (ideal)", "dblp", "dblp (ideal)"), List.copyOf(chart.getSeriesMap().keySet()));
        XYSeries cora = chart.getSeriesMap().get("cora");
        assertArrayEquals(new double[] {1, 2, 4}, cora.getXData());
        assertArrayEquals(new double[] {800, 450, 300}, cora.getYData());
        assertArrayEquals(new double[] {800, 400, 200}, chart.getSeriesMap().get("cora (ideal)").getYData());
        assertArrayEquals(new double[] {1600, 400}, chart.getSeriesMap().get("dblp (ideal)").getYData());
        assertEquals(8, ParallelScalingChart.lanes("i:4,j:2"));
        assertEquals(1, ParallelScalingChart.lanes("none"));
        assertPng(chart);
    }

    @Test
    void cyclesByBlockSize() {
        Table table = table(
                new Object[] {"zoo:gpt3-bigbird", "bigbird:block=16", "full", "ikj", "none", 16, 900, 1, 1, null},
                new Object[] {"zoo:gpt3-bigbird", "bigbird:block=16", "full", "ikj", "none", 32, 500, 1, 1, null},
                new Object[] {"zoo:gpt3-bigbird", "bigbird:block=16", "full", "ikj", "none", 64, 300, 1, 1, null},
                new Object[] {"zoo:gpt3-bigbird", "bigbird:block=16", "full", "ikj", "none", null, 2000, 1, 1, null});
        CategoryChart chart = BlockSizeChart.of(table);
        assertEquals("Cycles by block size (cf. paper Fig. 16)", chart.getTitle());
        assertEquals("block size (b×b tiles)", chart.getXAxisTitle());
        CategorySeries series = chart.getSeriesMap().values().iterator().next();
        assertEquals(List.of("16", "32", "64", "scalar"), List.copyOf(series.getXData()));
        assertEquals(List.of(900.0, 500.0, 300.0, 2000.0), values(series));
        assertPng(chart);
    }

    @Test
    void cyclesByOrderRelativeToTheBestOrder() {
        Table table = table(
                new Object[] {"zoo:gcn", "cora", "full", "ijkl", "none", null, 100, 1, 1, null},
                new Object[] {"zoo:gcn", "cora", "full", "ikjl", "none", null, 250, 1, 1, null},
                new Object[] {"zoo:gcn", "cora", "full", "kijl", "none", null, 400, 1, 1, null},
                new Object[] {"zoo:gcn", "dblp", "full", "ijkl", "none", null, 300, 1, 1, null},
                new Object[] {"zoo:gcn", "dblp", "full", "ikjl", "none", null, 150, 1, 1, null});
        CategoryChart chart = OrderChart.of(table);
        assertEquals("Cycles by dataflow order, relative to the best order (cf. paper Fig. 17)", chart.getTitle());
        assertEquals("dataflow order", chart.getXAxisTitle());
        assertEquals(List.of("cora", "dblp"), List.copyOf(chart.getSeriesMap().keySet()));
        assertEquals(List.of(1.0, 2.5, 4.0), values(chart.getSeriesMap().get("cora")));
        assertEquals(java.util.Arrays.asList(2.0, 1.0, null), values(chart.getSeriesMap().get("dblp")));
        assertPng(chart);
    }

    @Test
    void oneBarPerConfigurationShowsSpeedupWhenThereIsABaseline() {
        CategoryChart chart = ConfigurationChart.of(FUSIONS).orElseThrow();
        assertEquals("Speedup over unfused per configuration", chart.getTitle());
        CategorySeries bars = chart.getSeriesMap().values().iterator().next();
        assertEquals(List.of("cora · unfused", "cora · partial", "cora · full", "dblp · unfused", "dblp · partial"),
                List.copyOf(bars.getXData()));
        Table noBaseline = table(row("zoo:spmm", "cora", "full", 70, 1, 1));
        CategoryChart cycles = ConfigurationChart.of(noBaseline).orElseThrow();
        assertEquals("Cycles per configuration", cycles.getTitle());
        assertTrue(ConfigurationChart.of(table(new Object[] {"m", "d", "full", "ij", "none", null, null, null, null,
                "refused"})).isEmpty());
    }

    @Test
    void theSameChartGivesTheSamePngBytes() {
        assertArrayEquals(Plots.png(SpeedupChart.of(FUSIONS)), Plots.png(SpeedupChart.of(FUSIONS)));
    }

    @Test
    void aTableWithoutWhatAPlotNeedsIsAUserError() {
        Table bare = Table.create("t", DoubleColumn.create("x", 1.0));
        UserError error = assertThrows(UserError.class, () -> SpeedupChart.of(bare));
        assertTrue(error.getMessage().contains("needs a 'model' column"), error.getMessage());
        UserError noBaseline = assertThrows(UserError.class,
                () -> SpeedupChart.of(table(row("zoo:gcn", "cora", "full", 5, 1, 1))));
        assertTrue(noBaseline.getMessage().contains("include unfused"), noBaseline.getMessage());
        assertFalse(noBaseline.getMessage().contains("\n"));
    }
}
