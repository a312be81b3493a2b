package dev.fuseflow.compiler.passes;

import dev.fuseflow.simulator.engine.SimulationResult;
import dev.fuseflow.simulator.engine.Simulator;
import dev.fuseflow.simulator.graph.ArrayOp;
import dev.fuseflow.simulator.graph.BinaryAluOp;
import dev.fuseflow.simulator.graph.BinaryOp;
import dev.fuseflow.simulator.graph.FiberLookupOp;
import dev.fuseflow.simulator.graph.IntersectOp;
import dev.fuseflow.simulator.graph.RepeatOp;
import dev.fuseflow.simulator.graph.RootOp;
import dev.fuseflow.simulator.graph.SamGraph;
import dev.fuseflow.simulator.graph.StreamKind;
import dev.fuseflow.simulator.tensor.FiberTensor;
import dev.fuseflow.simulator.tensor.LevelFormat;
import java.util.List;
import java.util.Map;

/** Small SAM graphs built by hand for the pass tests, and the data they run on. */
final class HandGraphs {
    private HandGraphs() {
    }

    /** The streams one product chain leaves for the caller to wire: A.i crd and ref, j crd, product value. */
    record Chain(int iCrd, int iRef, int jCrd, int product) {
    }

    /**
     * Appends the product chain of {@code A(i,j) * b(j)} for i dense, j compressed in A and dense in b: root
     * and two scans of A, root of b repeated over i and scanned at j, an intersection at j, two loads and a
     * multiply. Called twice on one builder it builds two chains that compute the same streams.
     */
    static Chain productChain(SamGraph.Builder g) {
        int aRoot = g.stream(StreamKind.REF, "A.root");
        int aiCrd = g.stream(StreamKind.CRD, "A.i.crd");
        int aiRef = g.stream(StreamKind.REF, "A.i.ref");
        int ajCrd = g.stream(StreamKind.CRD, "A.j.crd");
        int ajRef = g.stream(StreamKind.REF, "A.j.ref");
        int bRoot = g.stream(StreamKind.REF, "b.root");
        int bRep = g.stream(StreamKind.REF, "b.ref@i");
        int bjCrd = g.stream(StreamKind.CRD, "b.j.crd");
        int bjRef = g.stream(StreamKind.REF, "b.j.ref");
        int jCrd = g.stream(StreamKind.CRD, "j.crd");
        int jA = g.stream(StreamKind.REF, "j.A");
        int jB = g.stream(StreamKind.REF, "j.b");
        int aVal = g.stream(StreamKind.VAL, "A.val");
        int bVal = g.stream(StreamKind.VAL, "b.val");
        int product = g.stream(StreamKind.VAL, "A*b");
        g.add(new RootOp("A", aRoot));
        g.add(new FiberLookupOp("A", 0, 0, LevelFormat.DENSE, "i", aRoot, aiCrd, aiRef));
        g.add(new FiberLookupOp("A", 1, 1, LevelFormat.COMPRESSED, "j", aiRef, ajCrd, ajRef));
        g.add(new RootOp("b", bRoot));
        g.add(new RepeatOp("b", "i", bRoot, aiRef, bRep));
        g.add(new FiberLookupOp("b", 0, 0, LevelFormat.DENSE, "j", bRep, bjCrd, bjRef));
        g.add(new IntersectOp("j", List.of(ajCrd, bjCrd), List.of(ajRef, bjRef), jCrd, List.of(jA, jB)));
        g.add(new ArrayOp("A", jA, aVal));
        g.add(new ArrayOp("b", jB, bVal));
        g.add(new BinaryAluOp(BinaryOp.MUL, aVal, bVal, product));
        return new Chain(aiCrd, aiRef, jCrd, product);
    }

    /** A 4×5 matrix with a few entries per row (one row empty) and a dense vector of 5. */
    static Map<String, FiberTensor> data() {
        float[] a = {
            1, 0, 2, 0, 0,
            0, 0, 0, 0, 0,
            0, 3, 0, 4, 5,
            6, 0, 0, 0, 7,
        };
        FiberTensor matrix = FiberTensor.fromDense("A", new int[] {4, 5},
                List.of(LevelFormat.DENSE, LevelFormat.COMPRESSED), new int[] {0, 1}, a);
        FiberTensor vector = FiberTensor.fromDense("b", new int[] {5}, List.of(LevelFormat.DENSE), new int[] {0},
                new float[] {0.5f, -1, 2, 0.25f, 3});
        return Map.of("A", matrix, "b", vector);
    }

    static SimulationResult simulate(SamGraph graph) {
        return new Simulator().simulate(graph, data(), () -> false);
    }
}
