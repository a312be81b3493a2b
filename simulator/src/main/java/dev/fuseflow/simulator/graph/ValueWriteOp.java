package dev.fuseflow.simulator.graph;

import java.util.List;

/** Writer of the values of output {@code tensor}. */
public record ValueWriteOp(String tensor, int inVal) implements SamOp {
    public String kind() { return "ValueWrite"; }
    public String label() { return "ValueWrite " + tensor; }
    public List<Integer> inputs() { return List.of(inVal); }
    public List<Integer> outputs() { return List.of(); }
    public List<String> inputPorts() { return List.of("in_val"); }
    public List<String> outputPorts() { return List.of(); }
    public SamOp withInputs(List<Integer> in) {
        return new ValueWriteOp(tensor, in.get(0));
    }
}
