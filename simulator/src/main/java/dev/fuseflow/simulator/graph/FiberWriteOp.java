package dev.fuseflow.simulator.graph;

import java.util.List;

/** Writer of the coordinates of output {@code tensor} at storage depth {@code level} (compressed). */
public record FiberWriteOp(String tensor, int level, String indexVar, int inCrd) implements SamOp {
    public String kind() { return "FiberWrite"; }
    public String label() { return "FiberWrite " + tensor + "." + indexVar; }
    public List<Integer> inputs() { return List.of(inCrd); }
    public List<Integer> outputs() { return List.of(); }
    public List<String> inputPorts() { return List.of("in_crd"); }
    public List<String> outputPorts() { return List.of(); }
    public SamOp withInputs(List<Integer> in) {
        return new FiberWriteOp(tensor, level, indexVar, in.get(0));
    }
}
