package dev.fuseflow.simulator.interop;

import java.util.List;

/**
 * An output tensor of an imported graph: its name and the index variable of each written level, in level
 * order. The sizes are not in a Comal graph; they follow from the inputs once those are known.
 */
public record OutputLayout(String tensor, List<String> indexVars) {
    public OutputLayout {
        indexVars = List.copyOf(indexVars);
    }
}
