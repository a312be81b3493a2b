package dev.fuseflow.compiler.passes;

import dev.fuseflow.simulator.graph.BroadcastOp;
import dev.fuseflow.simulator.graph.SamGraph;
import dev.fuseflow.simulator.graph.SamOp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The inverse of {@link InsertBroadcasts}: every broadcast is removed and its readers read the broadcast's
 * input directly, so a rewrite can move readers between streams freely; {@link InsertBroadcasts} makes the
 * fan-out explicit again afterwards.
 */
public final class CollapseBroadcasts {
    private CollapseBroadcasts() {
    }

    /** Removes every broadcast; returns how many there were. */
    public static int apply(SamGraph.Builder graph) {
        Map<Integer, Integer> source = new HashMap<>();
        for (SamOp op : graph.ops()) {
            if (op instanceof BroadcastOp broadcast) {
                for (int out : broadcast.outs()) {
                    source.put(out, broadcast.in());
                }
            }
        }
        int removed = 0;
        for (int index = graph.ops().size() - 1; index >= 0; index--) {
            if (graph.ops().get(index) instanceof BroadcastOp) {
                graph.remove(index);
                removed++;
            }
        }
        for (int index = 0; index < graph.ops().size(); index++) {
            SamOp op = graph.ops().get(index);
            List<Integer> inputs = op.inputs().stream().map(s -> origin(s, source)).toList();
            if (!inputs.equals(op.inputs())) {
                graph.replace(index, op.withInputs(inputs));
            }
        }
        return removed;
    }

    /** Follows broadcasts of broadcasts back to the stream first fanned out. */
    private static int origin(int stream, Map<Integer, Integer> source) {
        int at = stream;
        while (source.containsKey(at)) {
            at = source.get(at);
        }
        return at;
    }
}
