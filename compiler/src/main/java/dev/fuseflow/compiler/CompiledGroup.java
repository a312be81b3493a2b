package dev.fuseflow.compiler;

import dev.fuseflow.compiler.schedule.DataflowOrder;
import dev.fuseflow.simulator.graph.SamGraph;
import java.util.List;

/** One fusion group lowered: its assignments, the chosen order, every valid order's name, and its graph. */
public record CompiledGroup(int index, List<Integer> assignments, DataflowOrder order, List<String> validOrders,
        SamGraph graph) {
}
