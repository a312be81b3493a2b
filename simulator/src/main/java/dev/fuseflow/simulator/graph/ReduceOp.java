package dev.fuseflow.simulator.graph;

import java.util.List;

/**
 * Reduction of each innermost fiber of a value stream.
 *
 * @param skipsEmpty when true, a fiber with no values yields no value (only its lowered stop). SAM's
 *                   encoding cannot tell an empty innermost fiber from the end of an empty parent fiber
 *                   (both are a bare stop after a stop), so Comal's Reduce, which emits 0 for every
 *                   stop, puts a spurious value under every empty parent; the compiler sets this flag
 *                   wherever the reduced fibers themselves are never empty or are dropped anyway.
 *                   Comal graphs have it false.
 */
public record ReduceOp(ReduceKind reduction, String indexVar, int in, int out, boolean skipsEmpty) implements SamOp {
    /** Comal's Reduce: one value per stop. */
    public ReduceOp(ReduceKind reduction, String indexVar, int in, int out) {
        this(reduction, indexVar, in, out, false);
    }
    public String kind() { return reduction == ReduceKind.MAX ? "MaxReduce" : "Reduce"; }
    public String label() { return "Reduce " + reduction.name().toLowerCase(java.util.Locale.ROOT) + " over " + indexVar; }
    public List<Integer> inputs() { return List.of(in); }
    public List<Integer> outputs() { return List.of(out); }
    public List<String> inputPorts() { return List.of("in_val"); }
    public List<String> outputPorts() { return List.of("out_val"); }
    public SamOp withInputs(List<Integer> in) {
        return new ReduceOp(reduction, indexVar, in.get(0), out, skipsEmpty);
    }
}
