package dev.fuseflow.simulator.graph;

import java.util.List;

/**
 * Sparse accumulator of order 1: reduces {@code reducedVar} (the level above {@code innerVar}),
 * accumulating values by inner coordinate.
 */
public record SpaccOp(String innerVar, String reducedVar, int inOuterCrd, int inInnerCrd, int inVal,
        int outInnerCrd, int outVal) implements SamOp {
    public String kind() { return "Spacc1"; }
    public String label() { return "Spacc1 " + innerVar + " over " + reducedVar; }
    public List<Integer> inputs() { return List.of(inOuterCrd, inInnerCrd, inVal); }
    public List<Integer> outputs() { return List.of(outInnerCrd, outVal); }
    public List<String> inputPorts() { return List.of("in_crd_outer", "in_crd_inner", "in_val"); }
    public List<String> outputPorts() { return List.of("out_crd_inner", "out_val"); }
    public SamOp withInputs(List<Integer> in) {
        return new SpaccOp(innerVar, reducedVar, in.get(0), in.get(1), in.get(2), outInnerCrd, outVal);
    }
}
