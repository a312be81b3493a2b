package dev.fuseflow.compiler.passes;

import dev.fuseflow.simulator.graph.FiberDropOp;
import dev.fuseflow.simulator.graph.SamGraph;
import dev.fuseflow.simulator.graph.SamOp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Export pass: removes every {@link FiberDropOp} and lets its readers read its inputs. Comal has no fiber drop;
 * without it a graph computes the same values wherever no fused reduction's row comes out empty, and on such a
 * row it repeats the broadcast operand into the row, as the original compiler's graphs do. Run it on a graph
 * without broadcasts ({@link CollapseBroadcasts}) and insert them again afterwards.
 */
public final class BypassFiberDrops {
    private BypassFiberDrops() {
    }

    /** Removes every fiber drop; returns how many there were. */
    public static int apply(SamGraph.Builder graph) {
        Map<Integer, Integer> source = new HashMap<>();
        for (SamOp op : graph.ops()) {
            if (op instanceof FiberDropOp drop) {
                for (int k = 0; k < drop.outputs().size(); k++) {
                    source.put(drop.outputs().get(k), drop.inputs().get(k));
                }
            }
        }
        int removed = 0;
        for (int index = graph.ops().size() - 1; index >= 0; index--) {
            if (graph.ops().get(index) instanceof FiberDropOp) {
                graph.remove(index);
                removed++;
            }
        }
        for (int index = 0; index < graph.ops().size(); index++) {
            SamOp op = graph.ops().get(index);
            List<Integer> inputs = op.inputs().stream().map(s -> source.getOrDefault(s, s)).toList();
            if (!inputs.equals(op.inputs())) {
                graph.replace(index, op.withInputs(inputs));
            }
        }
        return removed;
    }
}
