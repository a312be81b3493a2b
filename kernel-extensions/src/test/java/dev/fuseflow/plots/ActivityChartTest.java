package dev.fuseflow.plots;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuseflow.workbench.SimulationOutput;
import dev.fuseflow.jupyter.FuseFlow;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

/** Per-primitive activity over time: one series per primitive kind, spanning the run's cycles. */
class ActivityChartTest {

    @Test
    void everyActivePrimitiveKindIsASeriesWithinTheRunsCycles() {
        SimulationOutput run = FuseFlow.simulate("--model zoo:spmm --dataset "
                + "synthetic:rows=40,cols=40,density=0.1,features=8,seed=1 --fusion unfused");
        XYChart chart = run.activity();
        assertTrue(chart.getSeriesMap().containsKey("Intersect") || chart.getSeriesMap().containsKey("Locate"),
                chart.getSeriesMap().keySet().toString());
        assertTrue(chart.getSeriesMap().containsKey("ValueWrite"), chart.getSeriesMap().keySet().toString());
        double last = chart.getSeriesMap().values().stream()
                .flatMapToDouble(s -> java.util.Arrays.stream(s.getXData())).filter(Double::isFinite).max().orElse(0);
        assertTrue(last > 0 && last <= run.cycles() + 1, last + " vs " + run.cycles());
        assertTrue(Plots.png(chart).length > 1000, "renders");
        assertTrue(chart.getTitle().contains("zoo:spmm"));
    }
}
