package dev.fuseflow.compiler.cost;

/**
 * A static estimate of what a schedule costs, in the simulator's statistic names (ARCHITECTURE §3.3):
 * ALU {@code ops}, {@code reduces}, {@code flops} = ops + reduces, {@code memory_accesses} (coordinate,
 * segment and value reads and writes) and {@code cycles}, estimated as the longest stream a primitive must
 * pass (SAM pipelines, so the busiest stream bounds a group) summed over the groups, which run one after
 * another.
 */
public record CostEstimate(double ops, double reduces, double memoryAccesses, double cycles) {
    public static final CostEstimate ZERO = new CostEstimate(0, 0, 0, 0);

    public double flops() {
        return ops + reduces;
    }

    /** Groups run one after another: everything adds up. */
    public CostEstimate plus(CostEstimate other) {
        return new CostEstimate(ops + other.ops, reduces + other.reduces, memoryAccesses + other.memoryAccesses,
                cycles + other.cycles);
    }

    /** FLOPs per byte, counting 4 bytes per access as the reports do without a memory model. */
    public double intensity() {
        return memoryAccesses == 0 ? 0 : flops() / (4 * memoryAccesses);
    }
}
