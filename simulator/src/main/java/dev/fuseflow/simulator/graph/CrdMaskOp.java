package dev.fuseflow.simulator.graph;

import java.util.List;

/**
 * Coordinate mask (§4.17, Comal CrdMask): like a hold over (outer, inner) pairs, dropping the inner
 * coordinates (and their refs) for which the predicate holds; an outer stop is emitted only for a
 * non-empty inner fiber.
 */
public record CrdMaskOp(MaskPredicate predicate, int inOuterCrd, int inInnerCrd, int inInnerRef, int outOuterCrd,
        int outInnerCrd, int outInnerRef) implements SamOp {
    public String kind() { return "CrdMask"; }
    public String label() { return "CrdMask " + predicate.name().toLowerCase(java.util.Locale.ROOT); }
    public List<Integer> inputs() { return List.of(inOuterCrd, inInnerCrd, inInnerRef); }
    public List<Integer> outputs() { return List.of(outOuterCrd, outInnerCrd, outInnerRef); }
    public List<String> inputPorts() { return List.of("in_crd_outer", "in_crd_inner", "in_ref_inner"); }
    public List<String> outputPorts() { return List.of("out_crd_outer", "out_crd_inner", "out_ref_inner"); }
    public SamOp withInputs(List<Integer> in) {
        return new CrdMaskOp(predicate, in.get(0), in.get(1), in.get(2), outOuterCrd, outInnerCrd, outInnerRef);
    }
}
