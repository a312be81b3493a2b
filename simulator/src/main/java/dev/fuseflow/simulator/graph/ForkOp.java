package dev.fuseflow.simulator.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * Fork (Comal Scatter, §4.15): deals the values of one stream round-robin to parallel lanes; stops and
 * done go to every lane.
 */
public record ForkOp(int in, List<Integer> outs) implements SamOp {
    public ForkOp {
        outs = List.copyOf(outs);
    }
    public String kind() { return "Fork"; }
    public String label() { return "Fork x" + outs.size(); }
    public List<Integer> inputs() { return List.of(in); }
    public List<Integer> outputs() { return outs; }
    public List<String> inputPorts() { return List.of("in"); }
    public List<String> outputPorts() {
        List<String> ports = new ArrayList<>();
        for (int i = 0; i < outs.size(); i++) { ports.add("lane" + i); }
        return ports;
    }
    public SamOp withInputs(List<Integer> inputs) {
        return new ForkOp(inputs.get(0), outs);
    }
}
