package dev.fuseflow.compiler.passes;

import dev.fuseflow.simulator.graph.BroadcastOp;
import dev.fuseflow.simulator.graph.SamGraph;
import dev.fuseflow.simulator.graph.SamOp;
import dev.fuseflow.simulator.graph.Stream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cleanup pass "insert broadcasts for fan-out": a stream read by several ops gets one Broadcast whose
 * outputs feed each reader, because a SAM stream has exactly one consumer (as the original's protobuf
 * emitter does, fuseflow-compiler.md §4.2).
 */
public final class InsertBroadcasts {
    private InsertBroadcasts() {
    }

    public static void apply(SamGraph.Builder graph) {
        Map<Integer, List<int[]>> readers = new LinkedHashMap<>();
        List<SamOp> ops = graph.ops();
        for (int index = 0; index < ops.size(); index++) {
            List<Integer> inputs = ops.get(index).inputs();
            for (int port = 0; port < inputs.size(); port++) {
                readers.computeIfAbsent(inputs.get(port), s -> new ArrayList<>()).add(new int[] {index, port});
            }
        }
        for (var entry : readers.entrySet()) {
            List<int[]> uses = entry.getValue();
            if (uses.size() < 2) {
                continue;
            }
            Stream source = graph.streamInfo(entry.getKey());
            List<Integer> outs = new ArrayList<>();
            for (int copy = 0; copy < uses.size(); copy++) {
                int out = graph.stream(source.kind(), source.name() + "#" + copy);
                outs.add(out);
                int[] use = uses.get(copy);
                SamOp reader = graph.ops().get(use[0]);
                List<Integer> inputs = new ArrayList<>(reader.inputs());
                inputs.set(use[1], out);
                graph.replace(use[0], reader.withInputs(inputs));
            }
            graph.add(new BroadcastOp(entry.getKey(), outs));
        }
    }
}
