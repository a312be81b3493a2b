package dev.fuseflow.simulator.graph;

import java.util.List;

/**
 * Coordinate drop (§4.14): removes outer coordinates whose inner fiber is empty so compressed outputs
 * stay compressed; the inner stream passes through.
 */
public record CrdDropOp(String outerVar, String innerVar, int inOuterCrd, int inInnerCrd, int outOuterCrd,
        int outInnerCrd) implements SamOp {
    public String kind() { return "CrdDrop"; }
    public String label() { return "CrdDrop " + outerVar + " by " + innerVar; }
    public List<Integer> inputs() { return List.of(inOuterCrd, inInnerCrd); }
    public List<Integer> outputs() { return List.of(outOuterCrd, outInnerCrd); }
    public List<String> inputPorts() { return List.of("in_crd_outer", "in_crd_inner"); }
    public List<String> outputPorts() { return List.of("out_crd_outer", "out_crd_inner"); }
    public SamOp withInputs(List<Integer> in) {
        return new CrdDropOp(outerVar, innerVar, in.get(0), in.get(1), outOuterCrd, outInnerCrd);
    }
}
