package dev.fuseflow.compiler.passes;

import dev.fuseflow.simulator.graph.OutputSpec;
import dev.fuseflow.simulator.graph.SamGraph;
import dev.fuseflow.simulator.graph.SamOp;
import dev.fuseflow.simulator.graph.Stream;

/** A built graph opened again as a builder, so that passes can rewrite it (the graph itself is immutable). */
public final class GraphCopy {
    private GraphCopy() {
    }

    /** A builder holding the same streams (same ids), ops and outputs as {@code graph}. */
    public static SamGraph.Builder of(SamGraph graph) {
        SamGraph.Builder builder = new SamGraph.Builder(graph.name());
        for (Stream stream : graph.streams().values()) {
            // A builder numbers streams 1..n in allocation order and never frees one, so re-allocating them in
            // order reproduces every id; checked because every op's ports depend on it.
            int id = builder.stream(stream.kind(), stream.name());
            if (id != stream.id()) {
                throw new IllegalStateException("graph " + graph.name() + " has stream id " + stream.id()
                        + " where " + id + " was expected");
            }
        }
        for (SamOp op : graph.ops()) {
            builder.add(op);
        }
        for (OutputSpec output : graph.outputs()) {
            builder.output(output);
        }
        return builder;
    }
}
