package dev.fuseflow.simulator.graph;

import java.util.List;

/** N-ary intersection at index variable {@code indexVar}: k (crd, ref) input pairs, one crd and k refs out. */
public record IntersectOp(String indexVar, List<Integer> inCrds, List<Integer> inRefs, int outCrd,
        List<Integer> outRefs) implements SamOp {
    public IntersectOp {
        inCrds = List.copyOf(inCrds);
        inRefs = List.copyOf(inRefs);
        outRefs = List.copyOf(outRefs);
    }
    public String kind() { return "Intersect"; }
    public String label() { return "Intersect " + indexVar; }
    public List<Integer> inputs() { return JoinPorts.inputStreams(inCrds, inRefs); }
    public List<Integer> outputs() { return JoinPorts.outputStreams(outCrd, outRefs); }
    public List<String> inputPorts() { return JoinPorts.inputs(inCrds.size()); }
    public List<String> outputPorts() { return JoinPorts.outputs(outRefs.size()); }
    public SamOp withInputs(List<Integer> in) {
        int k = inCrds.size();
        return new IntersectOp(indexVar, in.subList(0, k), in.subList(k, 2 * k), outCrd, outRefs);
    }
}
