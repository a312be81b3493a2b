package dev.fuseflow.simulator.graph;

import java.util.List;

/** Value load of {@code tensor}: references in, values out. */
public record ArrayOp(String tensor, int inRef, int outVal) implements SamOp {
    public String kind() { return "Array"; }
    public String label() { return "Array " + tensor; }
    public List<Integer> inputs() { return List.of(inRef); }
    public List<Integer> outputs() { return List.of(outVal); }
    public List<String> inputPorts() { return List.of("in_ref"); }
    public List<String> outputPorts() { return List.of("out_val"); }
    public SamOp withInputs(List<Integer> in) {
        return new ArrayOp(tensor, in.get(0), outVal);
    }
}
