package dev.fuseflow.simulator.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * Ordered join: merges the lanes of a parallel region back into element order, steered by the region's
 * coordinate stream ({@code control}, the stream the region's forks split). {@code depth} is the stop
 * level that ends one element's sub-stream in a lane ({@code -1} when an element is a single token).
 * Used by the compiler's parallelization pass instead of Comal's Join, whose fiber-per-lane rule loses
 * order when a fiber's coordinates do not divide evenly over the lanes (simulator/DEVIATIONS.md).
 */
public record OrderedJoinOp(int control, List<Integer> ins, int depth, int out) implements SamOp {
    public OrderedJoinOp {
        ins = List.copyOf(ins);
        if (ins.isEmpty()) {
            throw new IllegalArgumentException("an ordered join needs at least one lane");
        }
        if (depth < -1) {
            throw new IllegalArgumentException("element depth must be -1 or more, not " + depth);
        }
    }
    public String kind() { return "OrderedJoin"; }
    public String label() { return "OrderedJoin x" + ins.size() + " depth " + depth; }
    public List<Integer> inputs() {
        List<Integer> all = new ArrayList<>();
        all.add(control);
        all.addAll(ins);
        return all;
    }
    public List<Integer> outputs() { return List.of(out); }
    public List<String> inputPorts() {
        List<String> ports = new ArrayList<>();
        ports.add("control");
        for (int i = 0; i < ins.size(); i++) { ports.add("lane" + i); }
        return ports;
    }
    public List<String> outputPorts() { return List.of("out"); }
    public SamOp withInputs(List<Integer> inputs) {
        return new OrderedJoinOp(inputs.get(0), inputs.subList(1, inputs.size()), depth, out);
    }
}
