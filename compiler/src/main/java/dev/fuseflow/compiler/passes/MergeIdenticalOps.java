package dev.fuseflow.compiler.passes;

import dev.fuseflow.simulator.graph.SamGraph;
import dev.fuseflow.simulator.graph.SamOp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Cleanup pass "merge identical ops": of several ops with the same kind, parameters and input streams
 * ({@link OpIdentity}) the first is kept, and the readers of the others' outputs read the kept op's
 * outputs instead. Merging can make the readers identical in turn (two repeats over two merged scans), so
 * the pass repeats until nothing merges. Writers are never merged: each one is an effect of its own.
 *
 * <p>Run it before {@link InsertBroadcasts}: a merged stream usually gains readers, and the fan-out is
 * made explicit afterwards.
 */
public final class MergeIdenticalOps {
    private MergeIdenticalOps() {
    }

    /** Merges to a fixed point; returns the number of ops removed. */
    public static int apply(SamGraph.Builder graph) {
        int removed = 0;
        while (true) {
            int merged = mergeOnce(graph);
            if (merged == 0) {
                return removed;
            }
            removed += merged;
        }
    }

    /** One sweep: each op whose identity was already seen is dropped and its outputs redirected. */
    private static int mergeOnce(SamGraph.Builder graph) {
        Map<OpIdentity, Integer> firstWithIdentity = new HashMap<>();
        Map<Integer, Integer> replacement = new HashMap<>();
        List<Integer> duplicates = new ArrayList<>();
        List<SamOp> ops = graph.ops();
        for (int index = 0; index < ops.size(); index++) {
            Optional<OpIdentity> identity = OpIdentity.of(ops.get(index));
            if (identity.isEmpty()) {
                continue;
            }
            Integer kept = firstWithIdentity.putIfAbsent(identity.get(), index);
            if (kept != null) {
                List<Integer> from = ops.get(index).outputs();
                List<Integer> to = ops.get(kept).outputs();
                for (int port = 0; port < from.size(); port++) {
                    replacement.put(from.get(port), to.get(port));
                }
                duplicates.add(index);
            }
        }
        if (duplicates.isEmpty()) {
            return 0;
        }
        for (int index = duplicates.size() - 1; index >= 0; index--) {
            graph.remove(duplicates.get(index));
        }
        for (int index = 0; index < graph.ops().size(); index++) {
            SamOp op = graph.ops().get(index);
            List<Integer> inputs = op.inputs().stream().map(s -> replacement.getOrDefault(s, s)).toList();
            if (!inputs.equals(op.inputs())) {
                graph.replace(index, op.withInputs(inputs));
            }
        }
        return duplicates.size();
    }
}
