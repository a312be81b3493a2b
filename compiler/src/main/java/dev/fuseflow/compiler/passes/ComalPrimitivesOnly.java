package dev.fuseflow.compiler.passes;

import dev.fuseflow.simulator.graph.DrivenReduceOp;
import dev.fuseflow.simulator.graph.FiberDropOp;
import dev.fuseflow.simulator.graph.ReduceOp;
import dev.fuseflow.simulator.graph.SamGraph;
import dev.fuseflow.simulator.graph.SamOp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Export pass: takes out what Comal has no primitive for. Every {@link FiberDropOp} is removed and its readers read
 * its inputs: without it a graph computes the same values wherever no fused reduction's row comes out empty, and
 * on such a row it repeats the broadcast operand into the row, as the original compiler's graphs do. Every
 * {@link DrivenReduceOp} becomes Comal's reduce, which emits a value per stop: the same stream wherever the
 * reduced operands are present at every outer coordinate. Run it on a graph without broadcasts
 * ({@link CollapseBroadcasts}) and insert them again afterwards.
 */
public final class ComalPrimitivesOnly {
    private ComalPrimitivesOnly() {
    }

    /** Removes every fiber drop and replaces every driven reduce; returns how many ops changed. */
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
        for (int index = 0; index < graph.ops().size(); index++) {
            if (graph.ops().get(index) instanceof DrivenReduceOp reduce) {
                graph.replace(index, new ReduceOp(reduce.reduction(), reduce.indexVar(), reduce.in(), reduce.out()));
                removed++;
            }
        }
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
