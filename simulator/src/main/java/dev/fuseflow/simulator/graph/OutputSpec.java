package dev.fuseflow.simulator.graph;

import java.util.List;

/** An output tensor a graph writes: its logical shape and the mode stored at each level. */
public record OutputSpec(String tensor, List<Integer> shape, List<Integer> modeOrder) {
    public OutputSpec {
        shape = List.copyOf(shape);
        modeOrder = List.copyOf(modeOrder);
    }
}
