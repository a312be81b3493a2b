package dev.fuseflow.simulator.engine;

/** The engine saw its cancel flag set and stopped; partial results are discarded. */
public final class SimulationCancelledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SimulationCancelledException() {
        super("simulation cancelled");
    }
}
