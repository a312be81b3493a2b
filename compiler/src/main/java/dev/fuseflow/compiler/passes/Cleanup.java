package dev.fuseflow.compiler.passes;

import dev.fuseflow.simulator.graph.SamGraph;

/**
 * The cleanup pipeline every lowered group goes through, in the order that makes each pass see the
 * previous one's result: merge identical ops (which can leave ops without readers), drop dead ops, then
 * make every remaining fan-out an explicit broadcast.
 */
public final class Cleanup {
    private Cleanup() {
    }

    /** What the pipeline did to one graph. */
    public record Report(int opsBefore, int merged, int dead, int broadcasts) {
    }

    public static Report apply(SamGraph.Builder graph) {
        int before = graph.ops().size();
        int merged = MergeIdenticalOps.apply(graph);
        int dead = DropDeadOps.apply(graph);
        int beforeBroadcasts = graph.ops().size();
        InsertBroadcasts.apply(graph);
        return new Report(before, merged, dead, graph.ops().size() - beforeBroadcasts);
    }
}
