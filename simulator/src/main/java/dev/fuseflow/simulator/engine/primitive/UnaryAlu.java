package dev.fuseflow.simulator.engine.primitive;

import dev.fuseflow.simulator.engine.Channel;
import dev.fuseflow.simulator.engine.Primitive;
import dev.fuseflow.simulator.engine.TilePool;
import dev.fuseflow.simulator.engine.Token;
import dev.fuseflow.simulator.graph.UnaryOp;

/**
 * One-input ALU (Comal Unary): applies {@code op} (with its scalar) to every value; stops pass; {@code D}
 * ends (sam-streams-and-primitives.md §4.11). {@code N} breaks the grammar, as Comal panics on it: a
 * unary op of an absent operand is not 0 in general (exp, rsqrt, sigmoid).
 *
 * <p>Timing: a value at {@code t + latency} (the block size b in block-timing mode, else 1), a stop or
 * {@code D} at {@code t+1}; {@code t += 1} per token; {@code D} ends without increment.
 *
 * <p>True-block mode ({@code tiles} set): the op applies to every element of the tile, in place when this
 * primitive holds the tile's only reference, else on a copy.
 */
public final class UnaryAlu extends Primitive {
    private final UnaryOp op;
    private final float scalar;
    private final long latency;
    private final Channel in;
    private final Channel out;
    /** True-block mode: the pool the tokens name tiles of; null for scalar values. */
    private final TilePool tiles;

    public UnaryAlu(String name, UnaryOp op, float scalar, long latency, Channel in, Channel out) {
        this(name, op, scalar, latency, null, in, out);
    }

    public UnaryAlu(String name, UnaryOp op, float scalar, long latency, TilePool tiles, Channel in, Channel out) {
        super(name);
        this.tiles = tiles;
        this.op = op;
        this.scalar = scalar;
        this.latency = latency;
        this.in = input(in);
        this.out = output(out);
    }

    @Override
    public String kind() {
        return "UnaryAlu";
    }

    @Override
    public int run(int budget) {
        int steps = 0;
        while (steps < budget && !in.isEmpty() && !out.isFull()) {
            long token = peek(in);
            switch (Token.kind(token)) {
                case Token.KIND_VAL -> {
                    take(in);
                    long result;
                    if (tiles == null) {
                        result = Token.value(op.apply(Token.floatValue(token), scalar));
                    } else {
                        int tile = tiles.own(Token.payload(token));
                        tiles.unaryInPlace(op, scalar, tile);
                        result = Token.val(tile);
                    }
                    emitAt(out, result, t + latency);
                    ops++;
                }
                case Token.KIND_STOP, Token.KIND_EMPTY -> emit(out, take(in));
                case Token.KIND_DONE -> {
                    take(in);
                    emit(out, Token.DONE);
                    finish();
                    return steps + 1;
                }
                default -> throw grammarError(in, token, "a value, stop, N or D");
            }
            steps++;
            t++;
        }
        return steps;
    }
}
