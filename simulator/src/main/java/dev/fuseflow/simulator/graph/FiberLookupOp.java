package dev.fuseflow.simulator.graph;

import dev.fuseflow.simulator.tensor.LevelFormat;
import java.util.List;

/**
 * Level scanner of tensor {@code tensor} at storage depth {@code level} (logical mode {@code mode}),
 * iterated as index variable {@code indexVar}.
 */
public record FiberLookupOp(String tensor, int level, int mode, LevelFormat format, String indexVar, int inRef,
        int outCrd, int outRef) implements SamOp {
    public String kind() { return "FiberLookup"; }
    public String label() { return "FiberLookup " + tensor + "." + indexVar + " (" + format.word() + ")"; }
    public List<Integer> inputs() { return List.of(inRef); }
    public List<Integer> outputs() { return List.of(outCrd, outRef); }
    public List<String> inputPorts() { return List.of("in_ref"); }
    public List<String> outputPorts() { return List.of("out_crd", "out_ref"); }
    public SamOp withInputs(List<Integer> in) {
        return new FiberLookupOp(tensor, level, mode, format, indexVar, in.get(0), outCrd, outRef);
    }
}
