package dev.fuseflow.simulator.engine;

/**
 * How the engine steps primitives. None of these change results under the {@code comal} profile without a
 * memory model (a Kahn network with timestamps); they change speed and memory, and tests vary them to
 * prove exactly that.
 *
 * @param stepBudget    token steps a primitive may make per turn before the scheduler moves on
 * @param softLimit     tokens a channel holds before its producer pauses (raised by Parks' rule)
 * @param order         the order primitives are visited in each sweep
 * @param shuffleSeed   seed for {@link StepOrder#SHUFFLED}
 * @param blockSize     value block size b (1 = scalar); array loads take b² cycles
 */
public record EngineOptions(int stepBudget, int softLimit, StepOrder order, long shuffleSeed, int blockSize) {

    public static final EngineOptions DEFAULT = new EngineOptions(2048, 4096, StepOrder.TOPOLOGICAL, 0, 1);

    public EngineOptions {
        if (stepBudget < 1 || softLimit < 1 || blockSize < 1) {
            throw new IllegalArgumentException("step budget, soft limit and block size must be positive");
        }
    }

    public EngineOptions withOrder(StepOrder newOrder, long seed) {
        return new EngineOptions(stepBudget, softLimit, newOrder, seed, blockSize);
    }

    public EngineOptions withBudget(int budget, int limit) {
        return new EngineOptions(budget, limit, order, shuffleSeed, blockSize);
    }

    /** The order the scheduler visits primitives in. */
    public enum StepOrder {
        TOPOLOGICAL, REVERSE_TOPOLOGICAL, SHUFFLED
    }
}
