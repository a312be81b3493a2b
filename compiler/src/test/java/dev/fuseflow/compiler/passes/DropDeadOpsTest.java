package dev.fuseflow.compiler.passes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuseflow.simulator.engine.SimulationResult;
import dev.fuseflow.simulator.graph.ArrayOp;
import dev.fuseflow.simulator.graph.BinaryAluOp;
import dev.fuseflow.simulator.graph.BinaryOp;
import dev.fuseflow.simulator.graph.BroadcastOp;
import dev.fuseflow.simulator.graph.FiberWriteOp;
import dev.fuseflow.simulator.graph.OutputSpec;
import dev.fuseflow.simulator.graph.SamGraph;
import dev.fuseflow.simulator.graph.StreamKind;
import dev.fuseflow.simulator.graph.UnaryAluOp;
import dev.fuseflow.simulator.graph.UnaryOp;
import dev.fuseflow.simulator.graph.ValueWriteOp;
import java.util.List;
import org.junit.jupiter.api.Test;

class DropDeadOpsTest {

    /**
     * Y(i,j) = A(i,j)*b(j), plus two branches that reach no writer: exp of the product feeding a scaled copy
     * and a sum, and a second load of b[0] (its own root) feeding a scalar add.
     */
    private static SamGraph.Builder productWithDeadBranches() {
        SamGraph.Builder g = new SamGraph.Builder("dead");
        HandGraphs.Chain chain = HandGraphs.productChain(g);
        int exp = g.stream(StreamKind.VAL, "exp");
        int scaled = g.stream(StreamKind.VAL, "scaled");
        int sum = g.stream(StreamKind.VAL, "sum");
        g.add(new UnaryAluOp(UnaryOp.EXP, 0f, chain.product(), exp));
        g.add(new UnaryAluOp(UnaryOp.SCALAR_MUL, 2f, exp, scaled));
        g.add(new BinaryAluOp(BinaryOp.ADD, scaled, exp, sum));
        int rootB = g.stream(StreamKind.REF, "b.root#2");
        int bVal = g.stream(StreamKind.VAL, "b.val#2");
        int shifted = g.stream(StreamKind.VAL, "shifted");
        g.add(new dev.fuseflow.simulator.graph.RootOp("b", rootB));
        g.add(new ArrayOp("b", rootB, bVal));
        g.add(new UnaryAluOp(UnaryOp.SCALAR_ADD, 1f, bVal, shifted));
        g.add(new FiberWriteOp("Y", 0, "i", chain.iCrd()));
        g.add(new FiberWriteOp("Y", 1, "j", chain.jCrd()));
        g.add(new ValueWriteOp("Y", chain.product()));
        g.output(new OutputSpec("Y", List.of(4, 5), List.of(0, 1)));
        return g;
    }

    @Test
    void deadAluChainIsRemovedAndItsSourcesWithIt() {
        SamGraph.Builder g = productWithDeadBranches();
        assertEquals(19, g.ops().size());
        assertEquals(6, DropDeadOps.apply(g));
        assertEquals(13, g.ops().size());
        assertTrue(g.ops().stream().noneMatch(op -> op instanceof UnaryAluOp), "exp, scalar-mul and scalar-add are gone");
        assertEquals(1, g.ops().stream().filter(op -> op instanceof BinaryAluOp).count(), "only the MUL is left, not the dead ADD");
        assertEquals(0, DropDeadOps.apply(g), "a second run finds nothing");
        int product = g.ops().stream().filter(op -> op instanceof BinaryAluOp).findFirst().orElseThrow()
                .outputs().get(0);
        InsertBroadcasts.apply(g);
        assertTrue(g.ops().stream().filter(op -> op instanceof BroadcastOp).noneMatch(b -> b.inputs().get(0) == product),
                "the product has one reader left, the value writer, so it needs no broadcast");
    }

    @Test
    void liveGraphSimulatesTheSameTensorWithoutTheDeadWork() {
        SamGraph.Builder plain = productWithDeadBranches();
        InsertBroadcasts.apply(plain);
        SimulationResult before = HandGraphs.simulate(plain.build());
        SamGraph.Builder cleaned = productWithDeadBranches();
        Cleanup.Report report = Cleanup.apply(cleaned);
        // The second root of b is identical to the first, so merging takes it; the other five are dead.
        assertEquals(new Cleanup.Report(19, 1, 5, 1), report);
        SamGraph graph = cleaned.build();
        assertFalse(graph.ops().stream().anyMatch(op -> op.kind().equals("UnaryAlu")));
        SimulationResult after = HandGraphs.simulate(graph);
        assertArrayEquals(before.outputs().get("Y").toDense(), after.outputs().get("Y").toDense(), 0.0);
        assertArrayEquals(before.outputs().get("Y").storedMask(), after.outputs().get("Y").storedMask());
        assertTrue(after.statistics().ops() < before.statistics().ops(),
                "the dead ALUs no longer count: " + after.statistics().ops() + " vs " + before.statistics().ops());
    }

    @Test
    void graphWithoutWritersIsEntirelyDead() {
        SamGraph.Builder g = new SamGraph.Builder("no writers");
        HandGraphs.productChain(g);
        assertEquals(10, DropDeadOps.apply(g));
        assertTrue(g.ops().isEmpty());
    }
}
