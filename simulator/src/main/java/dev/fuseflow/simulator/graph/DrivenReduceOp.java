package dev.fuseflow.simulator.graph;

import java.util.List;

/**
 * Reduction of each innermost fiber of a value stream, steered by the coordinate stream of the level above (ours,
 * no Comal counterpart): exactly one result per outer coordinate, {@code N} where its fiber is empty, and the outer
 * stream's stops. A {@link ReduceOp} cannot tell an empty innermost fiber from the end of an empty parent fiber;
 * with the outer coordinates beside it there is nothing to tell apart, so the result stream always pairs with the
 * other values at the outer level (a union's operand absent at a coordinate reduces to {@code N}).
 */
public record DrivenReduceOp(ReduceKind reduction, String indexVar, String outerVar, int inOuterCrd, int in, int out)
        implements SamOp {
    public String kind() { return reduction == ReduceKind.MAX ? "MaxReduce" : "Reduce"; }
    public String label() {
        return "Reduce " + reduction.name().toLowerCase(java.util.Locale.ROOT) + " over " + indexVar + " per "
                + outerVar;
    }
    public List<Integer> inputs() { return List.of(inOuterCrd, in); }
    public List<Integer> outputs() { return List.of(out); }
    public List<String> inputPorts() { return List.of("in_crd_outer", "in_val"); }
    public List<String> outputPorts() { return List.of("out_val"); }
    public SamOp withInputs(List<Integer> inputs) {
        return new DrivenReduceOp(reduction, indexVar, outerVar, inputs.get(0), inputs.get(1), out);
    }
}
