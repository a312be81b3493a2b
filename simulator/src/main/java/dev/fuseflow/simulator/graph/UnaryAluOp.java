package dev.fuseflow.simulator.graph;

import java.util.List;

/** A one-input ALU applying {@code op} (with {@code scalar} where the op takes one) to every value. */
public record UnaryAluOp(UnaryOp op, float scalar, int in, int out) implements SamOp {
    public String kind() { return "UnaryAlu"; }
    public String label() {
        return op.name().toLowerCase(java.util.Locale.ROOT) + (op.usesScalar() ? " " + scalar : "");
    }
    public List<Integer> inputs() { return List.of(in); }
    public List<Integer> outputs() { return List.of(out); }
    public List<String> inputPorts() { return List.of("in_val"); }
    public List<String> outputPorts() { return List.of("out_val"); }
    public SamOp withInputs(List<Integer> inputs) {
        return new UnaryAluOp(op, scalar, inputs.get(0), out);
    }
}
