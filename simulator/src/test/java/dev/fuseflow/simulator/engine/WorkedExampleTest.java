package dev.fuseflow.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuseflow.simulator.graph.ArrayOp;
import dev.fuseflow.simulator.graph.FiberLookupOp;
import dev.fuseflow.simulator.graph.FiberWriteOp;
import dev.fuseflow.simulator.graph.OutputSpec;
import dev.fuseflow.simulator.graph.RootOp;
import dev.fuseflow.simulator.graph.SamGraph;
import dev.fuseflow.simulator.graph.StreamKind;
import dev.fuseflow.simulator.graph.ValueWriteOp;
import dev.fuseflow.simulator.stats.Statistics;
import dev.fuseflow.simulator.tensor.CompressedLevel;
import dev.fuseflow.simulator.tensor.FiberTensor;
import dev.fuseflow.simulator.tensor.LevelFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** comal-timing-model.md §8.1: {@code x(i) = b(i)}, b compressed, no memory model — 8 cycles. */
class WorkedExampleTest {

    static SamGraph copyGraph() {
        SamGraph.Builder g = new SamGraph.Builder("x=b");
        int root = g.stream(StreamKind.REF, "b.root");
        int crd = g.stream(StreamKind.CRD, "b.i.crd");
        int ref = g.stream(StreamKind.REF, "b.i.ref");
        int val = g.stream(StreamKind.VAL, "b.val");
        g.add(new RootOp("b", root));
        g.add(new FiberLookupOp("b", 0, 0, LevelFormat.COMPRESSED, "i", root, crd, ref));
        g.add(new FiberWriteOp("x", 0, "i", crd));
        g.add(new ArrayOp("b", ref, val));
        g.add(new ValueWriteOp("x", val));
        g.output(new OutputSpec("x", List.of(5), List.of(0)));
        return g.build();
    }

    static FiberTensor b() {
        return new FiberTensor("b", new int[] {5}, new int[] {0},
                List.of(new CompressedLevel(new int[] {0, 3}, new int[] {1, 3, 4})), new float[] {10, 20, 30});
    }

    @Test
    void eightCycles() {
        SimulationResult result = new Simulator().simulate(copyGraph(), Map.of("b", b()), () -> false);
        assertEquals(8, result.cycles());
        FiberTensor x = result.outputs().get("x");
        CompressedLevel level = (CompressedLevel) x.level(0);
        assertArrayEquals(new int[] {1, 3, 4}, level.crd());
        assertArrayEquals(new int[] {0, 3}, level.seg());
        assertArrayEquals(new float[] {10, 20, 30}, x.values());
        Statistics stats = result.statistics();
        assertEquals(3, stats.valReads());
        assertEquals(3, stats.valWrites());
        assertEquals(3, stats.crdWrites());
        assertEquals(1, stats.segWrites());
    }

    @Test
    void everyPrimitiveEndsAtItsDocumentedClock() {
        SimulationResult result = new Simulator().simulate(copyGraph(), Map.of("b", b()), () -> false);
        Map<String, Long> expected = Map.of("Root", 2L, "FiberLookup", 5L, "FiberWrite", 6L, "Array", 6L,
                "ValueWrite", 8L);
        for (PrimitiveStats p : result.primitives()) {
            assertEquals(expected.get(p.kind()), p.lastActiveCycle(), p.name());
        }
    }

    @Test
    void steppingOrderAndBudgetDoNotChangeCycles() {
        for (EngineOptions.StepOrder order : EngineOptions.StepOrder.values()) {
            for (int budget : new int[] {1, 3, 1024}) {
                EngineOptions options = EngineOptions.DEFAULT.withOrder(order, 7).withBudget(budget, 1);
                assertEquals(8, new Simulator(options).simulate(copyGraph(), Map.of("b", b()), () -> false).cycles(),
                        order + " budget " + budget);
            }
        }
    }

    @Test
    void missingInputTensorIsNamed() {
        SimulationException error = assertThrows(SimulationException.class,
                () -> new Simulator().simulate(copyGraph(), Map.of(), () -> false));
        assertTrue(error.getMessage().contains("'b'"), error.getMessage());
    }

    @Test
    void cancelFlagStopsTheRun() {
        AtomicBoolean cancel = new AtomicBoolean(true);
        assertThrows(SimulationCancelledException.class,
                () -> new Simulator().simulate(copyGraph(), Map.of("b", b()), cancel::get));
    }

    @Test
    void fanOutWithoutBroadcastIsRejected() {
        SamGraph.Builder g = new SamGraph.Builder("bad");
        int root = g.stream(StreamKind.REF, "root");
        int crd = g.stream(StreamKind.CRD, "crd");
        int ref = g.stream(StreamKind.REF, "ref");
        g.add(new RootOp("b", root));
        g.add(new FiberLookupOp("b", 0, 0, LevelFormat.COMPRESSED, "i", root, crd, ref));
        g.add(new FiberWriteOp("x", 0, "i", crd));
        g.add(new FiberWriteOp("y", 0, "i", crd));
        IllegalStateException error = assertThrows(IllegalStateException.class, g::build);
        assertTrue(error.getMessage().contains("two consumers"), error.getMessage());
    }

    @Test
    void tensorFromCooRoundTripsThroughDense() {
        FiberTensor a = FiberTensor.fromCoo("A", new int[] {3, 3}, List.of(LevelFormat.COMPRESSED, LevelFormat.COMPRESSED),
                new int[] {0, 1}, new int[][] {{0, 0}, {0, 2}, {2, 1}}, new float[] {10, 20, 30});
        CompressedLevel top = (CompressedLevel) a.level(0);
        CompressedLevel inner = (CompressedLevel) a.level(1);
        assertArrayEquals(new int[] {0, 2}, top.seg());
        assertArrayEquals(new int[] {0, 2}, top.crd());
        assertArrayEquals(new int[] {0, 2, 3}, inner.seg());
        assertArrayEquals(new int[] {0, 2, 1}, inner.crd());
        assertArrayEquals(new double[] {10, 0, 20, 0, 0, 0, 0, 30, 0}, a.toDense());
        FiberTensor transposed = FiberTensor.fromCoo("At", new int[] {3, 3},
                List.of(LevelFormat.DENSE, LevelFormat.COMPRESSED), new int[] {1, 0},
                new int[][] {{0, 0}, {0, 2}, {2, 1}}, new float[] {10, 20, 30});
        assertArrayEquals(a.toDense(), transposed.toDense());
    }
}
