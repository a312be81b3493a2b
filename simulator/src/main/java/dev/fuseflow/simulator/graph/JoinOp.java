package dev.fuseflow.simulator.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * Join (Comal Gather, §4.15): concatenates one whole fiber per lane in turn back into one stream.
 */
public record JoinOp(List<Integer> ins, int out) implements SamOp {
    public JoinOp {
        ins = List.copyOf(ins);
    }
    public String kind() { return "Join"; }
    public String label() { return "Join x" + ins.size(); }
    public List<Integer> inputs() { return ins; }
    public List<Integer> outputs() { return List.of(out); }
    public List<String> inputPorts() {
        List<String> ports = new ArrayList<>();
        for (int i = 0; i < ins.size(); i++) { ports.add("lane" + i); }
        return ports;
    }
    public List<String> outputPorts() { return List.of("out"); }
    public SamOp withInputs(List<Integer> inputs) {
        return new JoinOp(inputs, out);
    }
}
