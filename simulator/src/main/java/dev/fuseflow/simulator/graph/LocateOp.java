package dev.fuseflow.simulator.graph;

import java.util.List;

/**
 * Iterate-and-locate at index variable {@code indexVar}: the sparse side's (ref, crd) drive it; the crd is
 * the dense tensor {@code denseTensor}'s reference ({@code outDenseRef}).
 */
public record LocateOp(String indexVar, String denseTensor, int inRef, int inCrd, int outDenseRef,
        int outSparseRef, int outCrd) implements SamOp {
    public String kind() { return "Locate"; }
    public String label() { return "Locate " + denseTensor + "." + indexVar; }
    public List<Integer> inputs() { return List.of(inRef, inCrd); }
    public List<Integer> outputs() { return List.of(outDenseRef, outSparseRef, outCrd); }
    public List<String> inputPorts() { return List.of("in_ref", "in_crd"); }
    public List<String> outputPorts() { return List.of("out_ref1", "out_ref2", "out_crd"); }
    public SamOp withInputs(List<Integer> in) {
        return new LocateOp(indexVar, denseTensor, in.get(0), in.get(1), outDenseRef, outSparseRef, outCrd);
    }
}
