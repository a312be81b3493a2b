package dev.fuseflow.simulator.graph;

import java.util.List;

/**
 * Sparse accumulator of order 2 (sam-streams-and-primitives.md §4.13): reduces {@code reducedVar}, the
 * level above two kept levels ({@code keptVar} then {@code innerVar}), accumulating by (kept, inner).
 */
public record Spacc2Op(String innerVar, String keptVar, String reducedVar, int inReducedCrd, int inKeptCrd,
        int inInnerCrd, int inVal, int outKeptCrd, int outInnerCrd, int outVal) implements SamOp {
    public String kind() { return "Spacc2"; }
    public String label() { return "Spacc2 " + keptVar + innerVar + " over " + reducedVar; }
    public List<Integer> inputs() { return List.of(inReducedCrd, inKeptCrd, inInnerCrd, inVal); }
    public List<Integer> outputs() { return List.of(outKeptCrd, outInnerCrd, outVal); }
    public List<String> inputPorts() { return List.of("in_crd2", "in_crd1", "in_crd0", "in_val"); }
    public List<String> outputPorts() { return List.of("out_crd1", "out_crd0", "out_val"); }
    public SamOp withInputs(List<Integer> in) {
        return new Spacc2Op(innerVar, keptVar, reducedVar, in.get(0), in.get(1), in.get(2), in.get(3), outKeptCrd,
                outInnerCrd, outVal);
    }
}
