package dev.fuseflow.simulator.graph;

import java.util.List;

/**
 * Stop-token dropper (§4.17, Comal StknDrop): removes a stop that directly follows another stop, and a
 * leading stop, so fibers emptied upstream leave no trace in a crd stream.
 */
public record StopDropperOp(int in, int out) implements SamOp {
    public String kind() { return "StopDropper"; }
    public String label() { return "StopDropper"; }
    public List<Integer> inputs() { return List.of(in); }
    public List<Integer> outputs() { return List.of(out); }
    public List<String> inputPorts() { return List.of("in"); }
    public List<String> outputPorts() { return List.of("out"); }
    public SamOp withInputs(List<Integer> inputs) {
        return new StopDropperOp(inputs.get(0), out);
    }
}
