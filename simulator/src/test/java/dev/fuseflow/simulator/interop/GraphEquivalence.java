package dev.fuseflow.simulator.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fuseflow.simulator.graph.BroadcastOp;
import dev.fuseflow.simulator.graph.CrdHoldOp;
import dev.fuseflow.simulator.graph.FiberLookupOp;
import dev.fuseflow.simulator.graph.LocateOp;
import dev.fuseflow.simulator.graph.ReduceOp;
import dev.fuseflow.simulator.graph.SamGraph;
import dev.fuseflow.simulator.graph.SamOp;
import dev.fuseflow.simulator.graph.Spacc2Op;
import dev.fuseflow.simulator.graph.SpaccOp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Asserts that two graphs are the same machine: the same ops (kind and parameters) wired the same way, up to
 * stream numbering and the placement of broadcasts (the writer moves them after all other ops, as the
 * original emitter does). Parameters a Comal graph cannot carry (a reduce's or accumulator's reduced
 * variable, the names of a locate or a crd hold) are compared by kind only.
 */
final class GraphEquivalence {
    private GraphEquivalence() {
    }

    static void assertEquivalent(SamGraph expected, SamGraph actual) {
        List<SamOp> a = canonical(expected);
        List<SamOp> b = canonical(actual);
        assertEquals(a.size(), b.size(), "op count");
        Map<Integer, Integer> streams = new HashMap<>();
        Map<Integer, Integer> reverse = new HashMap<>();
        for (int i = 0; i < a.size(); i++) {
            SamOp x = a.get(i);
            SamOp y = b.get(i);
            assertEquals(signature(x), signature(y), "op " + i);
            pair(x.inputs(), y.inputs(), streams, reverse, x);
            pair(x.outputs(), y.outputs(), streams, reverse, x);
        }
        for (var entry : streams.entrySet()) {
            assertEquals(expected.stream(entry.getKey()).kind(), actual.stream(entry.getValue()).kind(),
                    "kind of stream " + expected.stream(entry.getKey()).name());
        }
    }

    private static void pair(List<Integer> x, List<Integer> y, Map<Integer, Integer> streams,
            Map<Integer, Integer> reverse, SamOp op) {
        assertEquals(x.size(), y.size(), op.label() + " port count");
        for (int p = 0; p < x.size(); p++) {
            Integer known = streams.putIfAbsent(x.get(p), y.get(p));
            Integer back = reverse.putIfAbsent(y.get(p), x.get(p));
            assertEquals(known == null ? y.get(p) : known, y.get(p), op.label() + " port " + p + " wiring");
            assertEquals(back == null ? x.get(p) : back, x.get(p), op.label() + " port " + p + " wiring");
        }
    }

    private static List<SamOp> canonical(SamGraph graph) {
        List<SamOp> ops = new ArrayList<>();
        graph.ops().stream().filter(op -> !(op instanceof BroadcastOp)).forEach(ops::add);
        graph.ops().stream().filter(op -> op instanceof BroadcastOp).forEach(ops::add);
        return ops;
    }

    private static String signature(SamOp op) {
        if (op instanceof ReduceOp reduce) {
            return op.kind() + " " + reduce.reduction();
        } else if (op instanceof SpaccOp spacc) {
            return op.kind() + " " + spacc.innerVar();
        } else if (op instanceof Spacc2Op spacc) {
            return op.kind() + " " + spacc.innerVar() + " " + spacc.keptVar();
        } else if (op instanceof LocateOp || op instanceof CrdHoldOp) {
            return op.kind();
        } else if (op instanceof FiberLookupOp scan) {
            return op.label() + " level " + scan.level() + " mode " + scan.mode();
        }
        return op.label();
    }
}
