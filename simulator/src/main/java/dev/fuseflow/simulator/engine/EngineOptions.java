package dev.fuseflow.simulator.engine;

import dev.fuseflow.simulator.memory.MemorySpec;

/**
 * How the engine steps primitives, and under which timing profile and memory model. Step budget, soft
 * limit and order never change results: under {@code comal} without memory the graph is a Kahn network
 * with timestamps; with a memory model or under {@code bounded} the engine synchronises conservatively so
 * results still do not depend on them. Tests vary them to prove exactly that.
 *
 * @param stepBudget    token steps a primitive may make per turn before the scheduler moves on
 * @param softLimit     tokens a channel holds before its producer pauses (raised by Parks' rule; {@code comal})
 * @param order         the order primitives are visited in each sweep
 * @param shuffleSeed   seed for {@link StepOrder#SHUFFLED}
 * @param values        how values flow and what they cost ({@link ValueMode})
 * @param blockSize     block size b of the block modes (tiles are b×b); 1 in scalar mode
 * @param timing        the timing profile
 * @param fifoDepth     FIFO depth of every graph channel under {@link TimingProfile#BOUNDED}
 * @param memory        the memory model
 */
public record EngineOptions(int stepBudget, int softLimit, StepOrder order, long shuffleSeed, ValueMode values,
        int blockSize, TimingProfile timing, int fifoDepth, MemorySpec memory) {

    /**
     * The default FIFO depth for {@code bounded}: the {@code channel_size} FuseFlow's compiler writes into
     * every Comal graph (comal-timing-model.md §2.2), which Comal itself ignores.
     */
    public static final int DEFAULT_FIFO_DEPTH = 1024;

    /**
     * The smallest accepted FIFO depth: a reduction's stop step emits its sum and a stop on one port and
     * the engine makes every step atomic, so it needs room for two tokens.
     */
    public static final int MIN_FIFO_DEPTH = 2;

    public static final EngineOptions DEFAULT = new EngineOptions(2048, 4096, StepOrder.TOPOLOGICAL, 0,
            ValueMode.SCALAR, 1, TimingProfile.COMAL, DEFAULT_FIFO_DEPTH, MemorySpec.NONE);

    public EngineOptions {
        if (stepBudget < 1 || softLimit < 1) {
            throw new IllegalArgumentException("step budget and soft limit must be positive");
        }
        if (fifoDepth < MIN_FIFO_DEPTH) {
            throw new IllegalArgumentException("the FIFO depth must be at least " + MIN_FIFO_DEPTH + ", not " + fifoDepth);
        }
        if (values == ValueMode.SCALAR ? blockSize != 1 : blockSize < 2) {
            throw new IllegalArgumentException(values == ValueMode.SCALAR
                    ? "a block size (" + blockSize + ") needs the value mode block-timing or true-block"
                    : "the value mode " + values + " needs a block size of at least 2, not " + blockSize);
        }
        if (values.blocked() && memory.kind() != MemorySpec.Kind.NONE) {
            // Comal's block builders never create its memory model (comal-timing-model.md §5).
            throw new IllegalArgumentException("the value mode " + values + " runs without a memory model, as "
                    + "Comal's block builders do; use the memory model none");
        }
    }

    public EngineOptions withOrder(StepOrder newOrder, long seed) {
        return new EngineOptions(stepBudget, softLimit, newOrder, seed, values, blockSize, timing, fifoDepth, memory);
    }

    public EngineOptions withBudget(int budget, int limit) {
        return new EngineOptions(budget, limit, order, shuffleSeed, values, blockSize, timing, fifoDepth, memory);
    }

    public EngineOptions withTiming(TimingProfile profile, int depth) {
        return new EngineOptions(stepBudget, softLimit, order, shuffleSeed, values, blockSize, profile, depth, memory);
    }

    public EngineOptions withMemory(MemorySpec spec) {
        return new EngineOptions(stepBudget, softLimit, order, shuffleSeed, values, blockSize, timing, fifoDepth, spec);
    }

    /** The value mode and its block size ({@code 1} for scalar, at least 2 for the block modes). */
    public EngineOptions withValues(ValueMode mode, int block) {
        return new EngineOptions(stepBudget, softLimit, order, shuffleSeed, mode, block, timing, fifoDepth, memory);
    }

    /** True when the engine must keep memory requests in timestamp order. */
    public boolean synchronised() {
        return memory.kind() != MemorySpec.Kind.NONE;
    }

    /** The order the scheduler visits primitives in. */
    public enum StepOrder {
        TOPOLOGICAL, REVERSE_TOPOLOGICAL, SHUFFLED
    }
}
