package dev.fuseflow.simulator.graph;

import java.util.List;

/** Root reference generator of one tensor: emits {@code 0 D} on {@code outRef}. */
public record RootOp(String tensor, int outRef) implements SamOp {
    public String kind() { return "Root"; }
    public String label() { return "root " + tensor; }
    public List<Integer> inputs() { return List.of(); }
    public List<Integer> outputs() { return List.of(outRef); }
    public List<String> inputPorts() { return List.of(); }
    public List<String> outputPorts() { return List.of("out_ref"); }
    public SamOp withInputs(List<Integer> in) {
        return this;
    }
}
