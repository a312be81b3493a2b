package dev.fuseflow.compiler.passes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuseflow.simulator.engine.SimulationResult;
import dev.fuseflow.simulator.graph.BinaryAluOp;
import dev.fuseflow.simulator.graph.BinaryOp;
import dev.fuseflow.simulator.graph.FiberWriteOp;
import dev.fuseflow.simulator.graph.OutputSpec;
import dev.fuseflow.simulator.graph.RepeatOp;
import dev.fuseflow.simulator.graph.RootOp;
import dev.fuseflow.simulator.graph.SamGraph;
import dev.fuseflow.simulator.graph.SamOp;
import dev.fuseflow.simulator.graph.StreamKind;
import dev.fuseflow.simulator.graph.UnaryAluOp;
import dev.fuseflow.simulator.graph.UnaryOp;
import dev.fuseflow.simulator.graph.ValueWriteOp;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class MergeIdenticalOpsTest {

    /** Y(i,j) = A(i,j)*b(j) + A(i,j)*b(j), the two products built as two separate, identical chains. */
    private static SamGraph.Builder doubledProduct() {
        SamGraph.Builder g = new SamGraph.Builder("doubled");
        HandGraphs.Chain first = HandGraphs.productChain(g);
        HandGraphs.Chain second = HandGraphs.productChain(g);
        int sum = g.stream(StreamKind.VAL, "sum");
        g.add(new BinaryAluOp(BinaryOp.ADD, first.product(), second.product(), sum));
        g.add(new FiberWriteOp("Y", 0, "i", first.iCrd()));
        g.add(new FiberWriteOp("Y", 1, "j", first.jCrd()));
        g.add(new ValueWriteOp("Y", sum));
        g.output(new OutputSpec("Y", List.of(4, 5), List.of(0, 1)));
        return g;
    }

    private static Map<String, Integer> counts(SamGraph.Builder g) {
        Map<String, Integer> counts = new TreeMap<>();
        g.ops().forEach(op -> counts.merge(op.kind(), 1, Integer::sum));
        return counts;
    }

    @Test
    void duplicateChainsCollapseToOneAtTheFixedPoint() {
        SamGraph.Builder g = doubledProduct();
        assertEquals(24, g.ops().size());
        // Only the roots are identical at first; each round makes the next layer identical.
        int removed = MergeIdenticalOps.apply(g);
        assertEquals(10, removed);
        assertEquals(Map.of("Array", 2, "BinaryAlu", 2, "FiberLookup", 3, "FiberWrite", 2, "Intersect", 1,
                "Repeat", 1, "Root", 2, "ValueWrite", 1), counts(g));
        BinaryAluOp add = (BinaryAluOp) g.ops().stream()
                .filter(op -> op instanceof BinaryAluOp alu && alu.op() == BinaryOp.ADD).findFirst().orElseThrow();
        assertEquals(add.in1(), add.in2(), "both operands now read the one product");
    }

    @Test
    void mergedGraphComputesTheSameTensorWithFewerTokens() {
        SamGraph.Builder plain = doubledProduct();
        InsertBroadcasts.apply(plain);
        SimulationResult before = HandGraphs.simulate(plain.build());
        SamGraph.Builder cleaned = doubledProduct();
        Cleanup.Report report = Cleanup.apply(cleaned);
        SimulationResult after = HandGraphs.simulate(cleaned.build());
        assertEquals(new Cleanup.Report(24, 10, 0, 2), report,
                "merged A.i ref feeds A.j scan and the repeat; the product feeds both ADD operands");
        float[] expected = {1, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, -6, 0, 2, 30, 6, 0, 0, 0, 42};
        double[] want = new double[expected.length];
        for (int k = 0; k < expected.length; k++) {
            want[k] = expected[k];
        }
        assertArrayEquals(want, before.outputs().get("Y").toDense(), 0.0);
        assertArrayEquals(want, after.outputs().get("Y").toDense(), 0.0);
        assertArrayEquals(before.outputs().get("Y").storedMask(), after.outputs().get("Y").storedMask());
        assertTrue(after.statistics().tokens() < before.statistics().tokens(),
                after.statistics().tokens() + " token steps vs " + before.statistics().tokens());
        assertEquals(before.statistics().valReads() / 2, after.statistics().valReads(),
                "each input value is loaded once instead of twice");
    }

    @Test
    void writersAreNeverMerged() {
        SamGraph.Builder g = new SamGraph.Builder("writers");
        int ref = g.stream(StreamKind.REF, "root");
        int val = g.stream(StreamKind.VAL, "v");
        g.add(new RootOp("c", ref));
        g.add(new dev.fuseflow.simulator.graph.ArrayOp("c", ref, val));
        g.add(new ValueWriteOp("y", val));
        g.add(new ValueWriteOp("y", val));
        assertEquals(0, MergeIdenticalOps.apply(g));
        assertEquals(4, g.ops().size());
    }

    @Test
    void differentParametersKeepOpsApart() {
        SamGraph.Builder g = new SamGraph.Builder("params");
        int ref = g.stream(StreamKind.REF, "root");
        int signal = g.stream(StreamKind.REF, "signal");
        int val = g.stream(StreamKind.VAL, "v");
        List<SamOp> distinct = List.of(
                new RepeatOp("t", "i", ref, signal, g.stream(StreamKind.REF, "r1")),
                new RepeatOp("t", "j", ref, signal, g.stream(StreamKind.REF, "r2")),
                new RepeatOp("u", "i", ref, signal, g.stream(StreamKind.REF, "r3")),
                new RepeatOp("t", "i", signal, ref, g.stream(StreamKind.REF, "r4")),
                new UnaryAluOp(UnaryOp.MAX_SCALAR, 0.0f, val, g.stream(StreamKind.VAL, "relu")),
                new UnaryAluOp(UnaryOp.MAX_SCALAR, -0.0f, val, g.stream(StreamKind.VAL, "relu-")),
                new UnaryAluOp(UnaryOp.SCALAR_ADD, 0.0f, val, g.stream(StreamKind.VAL, "add0")),
                new BinaryAluOp(BinaryOp.SUB, val, ref, g.stream(StreamKind.VAL, "d1")),
                new BinaryAluOp(BinaryOp.SUB, ref, val, g.stream(StreamKind.VAL, "d2")));
        distinct.forEach(g::add);
        assertEquals(0, MergeIdenticalOps.apply(g));
        assertEquals(distinct, g.ops());
    }
}
