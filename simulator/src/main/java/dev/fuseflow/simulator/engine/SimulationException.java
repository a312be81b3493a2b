package dev.fuseflow.simulator.engine;

/**
 * A simulation that cannot go on: a stream that breaks the SAM grammar (naming primitive, port and token
 * index), or a graph that makes no progress (naming what each waiting primitive waits for).
 */
public class SimulationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SimulationException(String message) {
        super(message);
    }
}
