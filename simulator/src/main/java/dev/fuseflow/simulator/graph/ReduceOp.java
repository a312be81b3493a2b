package dev.fuseflow.simulator.graph;

import java.util.List;

/** Reduction of each innermost fiber of a value stream. */
public record ReduceOp(ReduceKind reduction, String indexVar, int in, int out) implements SamOp {
    public String kind() { return reduction == ReduceKind.MAX ? "MaxReduce" : "Reduce"; }
    public String label() { return "Reduce " + reduction.name().toLowerCase(java.util.Locale.ROOT) + " over " + indexVar; }
    public List<Integer> inputs() { return List.of(in); }
    public List<Integer> outputs() { return List.of(out); }
    public List<String> inputPorts() { return List.of("in_val"); }
    public List<String> outputPorts() { return List.of("out_val"); }
    public SamOp withInputs(List<Integer> in) {
        return new ReduceOp(reduction, indexVar, in.get(0), out);
    }
}
