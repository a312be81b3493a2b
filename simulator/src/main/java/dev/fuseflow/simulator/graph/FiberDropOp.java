package dev.fuseflow.simulator.graph;

import java.util.List;

/**
 * Fiber drop (ours, no Comal counterpart): removes the outer coordinates whose inner fiber is empty, as a
 * {@link CrdDropOp} does, and also removes those empty fibers from the inner coordinate stream and from the
 * payload stream aligned with it (values or references), so the three streams stay a well-formed fiber tree
 * that later joins and repeats can be driven by.
 */
public record FiberDropOp(String outerVar, String innerVar, int inOuterCrd, int inInnerCrd, int inPayload,
        int outOuterCrd, int outInnerCrd, int outPayload) implements SamOp {
    public String kind() { return "FiberDrop"; }
    public String label() { return "FiberDrop " + outerVar + " by " + innerVar; }
    public List<Integer> inputs() { return List.of(inOuterCrd, inInnerCrd, inPayload); }
    public List<Integer> outputs() { return List.of(outOuterCrd, outInnerCrd, outPayload); }
    public List<String> inputPorts() { return List.of("in_crd_outer", "in_crd_inner", "in_payload"); }
    public List<String> outputPorts() { return List.of("out_crd_outer", "out_crd_inner", "out_payload"); }
    public SamOp withInputs(List<Integer> in) {
        return new FiberDropOp(outerVar, innerVar, in.get(0), in.get(1), in.get(2), outOuterCrd, outInnerCrd,
                outPayload);
    }
}
