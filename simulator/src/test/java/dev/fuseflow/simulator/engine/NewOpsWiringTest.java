package dev.fuseflow.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fuseflow.simulator.graph.ArrayOp;
import dev.fuseflow.simulator.graph.BinaryAluOp;
import dev.fuseflow.simulator.graph.BinaryOp;
import dev.fuseflow.simulator.graph.FiberLookupOp;
import dev.fuseflow.simulator.graph.FiberWriteOp;
import dev.fuseflow.simulator.graph.OutputSpec;
import dev.fuseflow.simulator.graph.RootOp;
import dev.fuseflow.simulator.graph.SamGraph;
import dev.fuseflow.simulator.graph.StreamKind;
import dev.fuseflow.simulator.graph.UnaryAluOp;
import dev.fuseflow.simulator.graph.UnaryOp;
import dev.fuseflow.simulator.graph.UnionOp;
import dev.fuseflow.simulator.graph.ValueWriteOp;
import dev.fuseflow.simulator.tensor.CompressedLevel;
import dev.fuseflow.simulator.tensor.FiberTensor;
import dev.fuseflow.simulator.tensor.LevelFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code x(i) = relu(a(i) + b(i))} through Union, Array on {@code N} refs, Binary and Unary ALUs. */
class NewOpsWiringTest {

    static SamGraph reluOfSum() {
        SamGraph.Builder g = new SamGraph.Builder("x=relu(a+b)");
        int rootA = g.stream(StreamKind.REF, "a.root");
        int rootB = g.stream(StreamKind.REF, "b.root");
        int crdA = g.stream(StreamKind.CRD, "a.i.crd");
        int refA = g.stream(StreamKind.REF, "a.i.ref");
        int crdB = g.stream(StreamKind.CRD, "b.i.crd");
        int refB = g.stream(StreamKind.REF, "b.i.ref");
        int crd = g.stream(StreamKind.CRD, "i.crd");
        int unionA = g.stream(StreamKind.REF, "a.i.uref");
        int unionB = g.stream(StreamKind.REF, "b.i.uref");
        int valA = g.stream(StreamKind.VAL, "a.val");
        int valB = g.stream(StreamKind.VAL, "b.val");
        int sum = g.stream(StreamKind.VAL, "sum");
        int relu = g.stream(StreamKind.VAL, "relu");
        g.add(new RootOp("a", rootA));
        g.add(new RootOp("b", rootB));
        g.add(new FiberLookupOp("a", 0, 0, LevelFormat.COMPRESSED, "i", rootA, crdA, refA));
        g.add(new FiberLookupOp("b", 0, 0, LevelFormat.COMPRESSED, "i", rootB, crdB, refB));
        g.add(new UnionOp("i", List.of(crdA, crdB), List.of(refA, refB), crd, List.of(unionA, unionB)));
        g.add(new ArrayOp("a", unionA, valA));
        g.add(new ArrayOp("b", unionB, valB));
        g.add(new BinaryAluOp(BinaryOp.ADD, valA, valB, sum));
        g.add(new UnaryAluOp(UnaryOp.MAX_SCALAR, 0f, sum, relu));
        g.add(new FiberWriteOp("x", 0, "i", crd));
        g.add(new ValueWriteOp("x", relu));
        g.output(new OutputSpec("x", List.of(6), List.of(0)));
        return g.build();
    }

    static Map<String, FiberTensor> inputs() {
        FiberTensor a = new FiberTensor("a", new int[] {6}, new int[] {0},
                List.of(new CompressedLevel(new int[] {0, 3}, new int[] {0, 1, 3})), new float[] {1, -5, 3});
        FiberTensor b = new FiberTensor("b", new int[] {6}, new int[] {0},
                List.of(new CompressedLevel(new int[] {0, 3}, new int[] {1, 2, 3})), new float[] {2, 4, -10});
        return Map.of("a", a, "b", b);
    }

    @Test
    void unionSumsWithMissingOperandsAsZero() {
        SimulationResult result = new Simulator().simulate(reluOfSum(), inputs(), () -> false);
        FiberTensor x = result.outputs().get("x");
        CompressedLevel level = (CompressedLevel) x.level(0);
        assertArrayEquals(new int[] {0, 1, 2, 3}, level.crd());
        assertArrayEquals(new int[] {0, 4}, level.seg());
        assertArrayEquals(new float[] {1, 0, 4, 0}, x.values());
        assertEquals(6, result.statistics().valReads(), "the two N refs are not reads");
    }

    @Test
    void steppingOrderAndBudgetDoNotChangeCycles() {
        long cycles = new Simulator().simulate(reluOfSum(), inputs(), () -> false).cycles();
        for (EngineOptions.StepOrder order : EngineOptions.StepOrder.values()) {
            for (int budget : new int[] {1, 3, 1024}) {
                EngineOptions options = EngineOptions.DEFAULT.withOrder(order, 7).withBudget(budget, 1);
                assertEquals(cycles, new Simulator(options).simulate(reluOfSum(), inputs(), () -> false).cycles(),
                        order + " budget " + budget);
            }
        }
    }
}
