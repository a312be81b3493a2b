package dev.fuseflow.simulator.engine;

import dev.fuseflow.simulator.memory.MemoryModel;

/**
 * One client port of a memory model (a scanner has a seg and a crd port, a fiber writer a crd and a seg
 * port, as Comal registers them). A request goes through {@link Primitive#access}, which first asks the
 * simulation whether every request that could be stamped earlier has been served; if not, the primitive
 * keeps the request pending and yields.
 */
public final class MemoryPort {
    final MemoryModel model;
    final int rank;
    final boolean writer;
    private final String name;
    /** Set by the {@link Simulation} that runs the primitive; null when a test steps primitives directly. */
    Simulation horizon;

    public MemoryPort(MemoryModel model, String name, boolean writer) {
        this.model = model;
        this.name = name;
        this.writer = writer;
        this.rank = model.register(name, writer);
    }

    public String name() {
        return name;
    }

    boolean mayIssue(Primitive client, long sendTime) {
        return horizon == null || horizon.mayIssue(client, rank, sendTime);
    }
}
