package dev.fuseflow.simulator.graph;

import java.util.List;

/** Two-input ALU. */
public record BinaryAluOp(BinaryOp op, int in1, int in2, int out) implements SamOp {
    public String kind() { return "BinaryAlu"; }
    public String label() { return "ALU " + op.name().toLowerCase(java.util.Locale.ROOT); }
    public List<Integer> inputs() { return List.of(in1, in2); }
    public List<Integer> outputs() { return List.of(out); }
    public List<String> inputPorts() { return List.of("in1", "in2"); }
    public List<String> outputPorts() { return List.of("out_val"); }
    public SamOp withInputs(List<Integer> in) {
        return new BinaryAluOp(op, in.get(0), in.get(1), out);
    }
}
