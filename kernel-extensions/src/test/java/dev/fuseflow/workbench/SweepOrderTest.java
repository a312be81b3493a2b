package dev.fuseflow.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A sweep's pool starts the configurations estimated longest first; the rows keep the grid's order. */
class SweepOrderTest {

    private static List<SweepPoint> grid(String... args) {
        SweepOptions options = new SweepOptions();
        new CommandLine(options).parseArgs(args);
        return SweepGrid.parse(options, "unfused", MemoryBudget.ofHeap()).expand(() -> false);
    }

    @Test
    void theLargestDatasetAndTheCostliestFusionStartFirst() {
        List<SweepPoint> points = grid("--model", "zoo:gcn", "--dataset", "cora,cora_ml", "--scale", "0.1",
                "--fusion", "unfused,full");
        List<Integer> all = IntStream.range(0, points.size()).boxed().toList();
        List<Integer> order = SweepRunner.longestFirst(points, all, null, new SweepPrograms());
        // grid order: cora unfused, cora full, cora_ml unfused, cora_ml full
        assertEquals(3, order.get(0), "cora_ml full (the most recomputation on the denser graph) first: " + order);
        assertEquals(List.of(0, 1, 2, 3), order.stream().sorted().toList(), "every configuration once");
        SweepEstimates estimates = new SweepEstimates(points, null);
        for (int k = 1; k < order.size(); k++) {
            assertTrue(estimates.cycles(order.get(k - 1)).orElseThrow()
                    >= estimates.cycles(order.get(k)).orElseThrow(), "descending estimates: " + order);
        }
    }

    @Test
    void aConfigurationThatCannotRunGoesLast() {
        // karate is not scaled, so its point carries an error and no estimate
        List<SweepPoint> points = grid("--model", "zoo:spmm", "--dataset", "karate,cora", "--scale", "0.2");
        assertFalse(points.get(0).runnable());
        List<Integer> order = SweepRunner.longestFirst(points, List.of(0, 1), null, new SweepPrograms());
        assertEquals(List.of(1, 0), order);
    }
}
