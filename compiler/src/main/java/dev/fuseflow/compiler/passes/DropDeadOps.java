package dev.fuseflow.compiler.passes;

import dev.fuseflow.simulator.graph.FiberWriteOp;
import dev.fuseflow.simulator.graph.SamGraph;
import dev.fuseflow.simulator.graph.SamOp;
import dev.fuseflow.simulator.graph.ValueWriteOp;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Cleanup pass "drop dead ops": an op none of whose outputs reaches a writer computes nothing the graph
 * keeps, yet would cost simulated cycles and memory reads, so it is removed. Live ops are found backwards
 * from the writers (fiber and value writers, the only ops with an effect); every other op is dead. An
 * output of a live op that only a dead op read becomes a discarded stream.
 */
public final class DropDeadOps {
    private DropDeadOps() {
    }

    /** Removes every op that no writer depends on; returns the number removed. */
    public static int apply(SamGraph.Builder graph) {
        List<SamOp> ops = graph.ops();
        Map<Integer, Integer> producer = new HashMap<>();
        for (int index = 0; index < ops.size(); index++) {
            for (int stream : ops.get(index).outputs()) {
                producer.put(stream, index);
            }
        }
        boolean[] live = new boolean[ops.size()];
        Deque<Integer> pending = new ArrayDeque<>();
        for (int index = 0; index < ops.size(); index++) {
            if (isWriter(ops.get(index))) {
                live[index] = true;
                pending.push(index);
            }
        }
        while (!pending.isEmpty()) {
            for (int stream : ops.get(pending.pop()).inputs()) {
                Integer source = producer.get(stream);
                if (source != null && !live[source]) {
                    live[source] = true;
                    pending.push(source);
                }
            }
        }
        int removed = 0;
        for (int index = live.length - 1; index >= 0; index--) {
            if (!live[index]) {
                graph.remove(index);
                removed++;
            }
        }
        return removed;
    }

    private static boolean isWriter(SamOp op) {
        return op instanceof FiberWriteOp || op instanceof ValueWriteOp;
    }
}
