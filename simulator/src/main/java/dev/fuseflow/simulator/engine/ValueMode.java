package dev.fuseflow.simulator.engine;

import dev.fuseflow.simulator.graph.BinaryOp;
import java.util.List;

/**
 * How values flow and what they cost (comal-timing-model.md §4.4, §5): {@code scalar} (float32 values,
 * Comal's {@code run_graph}), {@code block-timing} (float32 values with the latencies of b×b blocks,
 * {@code run_graph_block16/32/64}) and {@code true-block} (every value a b×b tile, tile arithmetic,
 * {@code run_graph_true_block16/32/64}). The latencies below are the only place the modes differ in
 * timing; {@code b} is the block size (1 in scalar mode).
 */
public enum ValueMode {
    SCALAR("scalar"), BLOCK_TIMING("block-timing"), TRUE_BLOCK("true-block");

    public static final List<String> ACCEPTED = List.of("scalar", "block-timing", "true-block");

    private final String word;

    ValueMode(String word) {
        this.word = word;
    }

    /** Parses {@code scalar}, {@code block-timing} or {@code true-block}; anything else throws with one sentence. */
    public static ValueMode parse(String text) {
        for (ValueMode mode : values()) {
            if (mode.word.equals(text.trim())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown value mode '" + text + "' (accepted: " + String.join(", ", ACCEPTED) + ")");
    }

    /** True in both block modes. */
    public boolean blocked() {
        return this != SCALAR;
    }

    /** Array: a loaded value leaves at {@code t + b²} (stops, {@code N} and {@code D} at {@code t+1}). */
    public long arrayLatency(int b) {
        return (long) b * b;
    }

    /**
     * Binary ALU latency: scalar 1; block-timing b² for every op; true-block {@code 2b−1} for the tile
     * product (Mul) and b² for the element-wise ops.
     */
    public long binaryLatency(BinaryOp op, int b) {
        return switch (this) {
            case SCALAR -> 1;
            case BLOCK_TIMING -> (long) b * b;
            case TRUE_BLOCK -> op == BinaryOp.MUL ? 2L * b - 1 : (long) b * b;
        };
    }

    /** Binary ALU initiation interval: b for Mul in both block modes, else 1. */
    public long binaryInterval(BinaryOp op, int b) {
        return this != SCALAR && op == BinaryOp.MUL ? b : 1;
    }

    /** Unary ALU: a value leaves at {@code t + b}. */
    public long unaryLatency(int b) {
        return b;
    }

    /** Reduce (add): the sum leaves at {@code t + N²} in true-block mode, else at {@code t+1}. MaxReduce is always 1. */
    public long reduceLatency(int b) {
        return this == TRUE_BLOCK ? (long) b * b : 1;
    }

    @Override
    public String toString() {
        return word;
    }
}
