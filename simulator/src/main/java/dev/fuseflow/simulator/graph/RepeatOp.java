package dev.fuseflow.simulator.graph;

import java.util.List;

/**
 * Repeat of {@code tensor}'s references (or values) across index variable {@code indexVar}, driven by
 * {@code signalSource} (a ref or crd stream at that variable) through its own repeat-signal generator.
 */
public record RepeatOp(String tensor, String indexVar, int inRef, int signalSource, int outRef) implements SamOp {
    public String kind() { return "Repeat"; }
    public String label() { return "Repeat " + tensor + " over " + indexVar; }
    public List<Integer> inputs() { return List.of(inRef, signalSource); }
    public List<Integer> outputs() { return List.of(outRef); }
    public List<String> inputPorts() { return List.of("in_ref", "rep_ref"); }
    public List<String> outputPorts() { return List.of("out_ref"); }
    public SamOp withInputs(List<Integer> in) {
        return new RepeatOp(tensor, indexVar, in.get(0), in.get(1), outRef);
    }
}
