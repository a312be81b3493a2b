package dev.fuseflow.simulator.graph;

import java.util.ArrayList;
import java.util.List;

/** Fan-out of one stream to several consumers. */
public record BroadcastOp(int in, List<Integer> outs) implements SamOp {
    public BroadcastOp {
        outs = List.copyOf(outs);
    }
    public String kind() { return "Broadcast"; }
    public String label() { return "Broadcast x" + outs.size(); }
    public List<Integer> inputs() { return List.of(in); }
    public List<Integer> outputs() { return outs; }
    public List<String> inputPorts() { return List.of("in"); }
    public List<String> outputPorts() {
        List<String> ports = new ArrayList<>();
        for (int i = 0; i < outs.size(); i++) { ports.add("out" + i); }
        return ports;
    }
    public SamOp withInputs(List<Integer> in) {
        return new BroadcastOp(in.get(0), outs);
    }
}
