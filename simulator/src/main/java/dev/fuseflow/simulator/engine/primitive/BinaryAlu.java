package dev.fuseflow.simulator.engine.primitive;

import dev.fuseflow.simulator.engine.Channel;
import dev.fuseflow.simulator.engine.Primitive;
import dev.fuseflow.simulator.engine.TilePool;
import dev.fuseflow.simulator.engine.Token;
import dev.fuseflow.simulator.graph.BinaryOp;

/**
 * Two-input ALU (Comal Binary): combines aligned value streams (sam-streams-and-primitives.md §4.10).
 * {@code (v, w)} → {@code f(v, w)}; one {@code N} side reads as 0; equal stops pass; {@code (D, D)} ends.
 * Mismatched stops or any other pair break the grammar.
 *
 * <p>Timing: take in1 then in2; a value at {@code t + latency}, a stop or {@code D} at {@code t+1};
 * {@code t += ii}, stops included; {@code D} ends without increment. Latency and ii by value mode are
 * {@link dev.fuseflow.simulator.engine.ValueMode}'s (scalar: 1 and 1).
 *
 * <p>True-block mode ({@code tiles} set): operands are tiles; Mul is the tile product, the other ops work
 * element by element, and an {@code N} operand is the zero tile. The result is a new tile; both operands'
 * references are given back.
 */
public final class BinaryAlu extends Primitive {
    private final BinaryOp op;
    private final Channel in1;
    private final Channel in2;
    private final Channel out;
    private final long latency;
    private final long initiationInterval;
    /** True-block mode: the pool the operand and result tokens name tiles of; null for scalar values. */
    private final TilePool tiles;

    public BinaryAlu(String name, BinaryOp op, long latency, long initiationInterval, Channel in1, Channel in2,
            Channel out) {
        this(name, op, latency, initiationInterval, null, in1, in2, out);
    }

    public BinaryAlu(String name, BinaryOp op, long latency, long initiationInterval, TilePool tiles, Channel in1,
            Channel in2, Channel out) {
        super(name);
        this.tiles = tiles;
        this.op = op;
        this.latency = latency;
        this.initiationInterval = initiationInterval;
        this.in1 = input(in1);
        this.in2 = input(in2);
        this.out = output(out);
    }

    @Override
    public String kind() {
        return "BinaryAlu";
    }

    @Override
    public int run(int budget) {
        int steps = 0;
        while (steps < budget && !in1.isEmpty() && !in2.isEmpty() && !out.isFull()) {
            long a = take(in1);
            long b = take(in2);
            steps++;
            int kindA = Token.kind(a);
            int kindB = Token.kind(b);
            if (kindA == Token.KIND_VAL || kindB == Token.KIND_VAL) {
                boolean aOk = kindA == Token.KIND_VAL || kindA == Token.KIND_EMPTY;
                boolean bOk = kindB == Token.KIND_VAL || kindB == Token.KIND_EMPTY;
                if (!aOk) {
                    throw grammarError(in1, a, "a value to pair with " + Token.format(b, true) + " on '" + in2.name() + "'");
                }
                if (!bOk) {
                    throw grammarError(in2, b, "a value to pair with " + Token.format(a, true) + " on '" + in1.name() + "'");
                }
                long result;
                if (tiles == null) {
                    float x = kindA == Token.KIND_VAL ? Token.floatValue(a) : 0f;
                    float y = kindB == Token.KIND_VAL ? Token.floatValue(b) : 0f;
                    result = Token.value(op.apply(x, y));
                } else {
                    result = tileResult(a, b);
                }
                emitAt(out, result, t + latency);
                ops++;
            } else if (kindA == Token.KIND_EMPTY && kindB == Token.KIND_EMPTY) {
                emit(out, Token.EMPTY); // absent on both sides stays absent
            } else if (a == b && kindA == Token.KIND_STOP) {
                emit(out, a);
            } else if (a == Token.DONE && b == Token.DONE) {
                emit(out, Token.DONE);
                finish();
                break;
            } else {
                throw grammarError(in2, b, Token.format(a, true) + " (the token on '" + in1.name() + "')");
            }
            t += initiationInterval;
        }
        return steps;
    }

    private long tileResult(long a, long b) {
        int x = Token.isVal(a) ? Token.payload(a) : TilePool.ZERO;
        int y = Token.isVal(b) ? Token.payload(b) : TilePool.ZERO;
        int result = tiles.binary(op, x, y);
        tiles.release(x);
        tiles.release(y);
        return Token.val(result);
    }
}
