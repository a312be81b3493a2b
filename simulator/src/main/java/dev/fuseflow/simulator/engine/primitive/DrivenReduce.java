package dev.fuseflow.simulator.engine.primitive;

import dev.fuseflow.simulator.engine.Channel;
import dev.fuseflow.simulator.engine.Primitive;
import dev.fuseflow.simulator.engine.TilePool;
import dev.fuseflow.simulator.engine.Token;

/**
 * Reduce steered by the outer coordinates (ours; see {@link dev.fuseflow.simulator.graph.DrivenReduceOp}): per
 * outer coordinate it folds the inner fiber up to the stop that ends it and emits the result, or {@code N} for an
 * empty fiber; per outer stop it emits that stop; an outer stop that closes an empty outer fiber also takes the
 * inner stream's bare stop for it. The output therefore has the outer coordinate stream's shape with values in
 * place of coordinates. Sums and maxima as {@link Reduce} computes them.
 *
 * <p>Timing, Reduce's (comal-timing-model.md, Reduce): {@code t += 1} per inner value, {@code N} free; the fiber's
 * stop emits the result at {@code t + latency} ({@code t + 1} for max) and costs one cycle; an outer stop is
 * emitted at {@code t + 1} and costs one cycle; the outer head is read by blocking peeks; {@code D} at
 * {@code t + 1} ends without increment.
 */
public final class DrivenReduce extends Primitive {
    private final boolean max;
    private final long latency;
    private final Channel outer;
    private final Channel in;
    private final Channel out;
    /** True-block mode: the pool of the tiles; null for scalar values. */
    private final TilePool tiles;
    private float acc;
    private int accTile;
    private boolean any;
    private boolean inFiber;
    private boolean afterOuterStop = true;

    public DrivenReduce(String name, boolean max, long latency, TilePool tiles, Channel outer, Channel in,
            Channel out) {
        super(name);
        this.max = max;
        this.latency = latency;
        this.tiles = tiles;
        this.outer = input(outer);
        this.in = input(in);
        this.out = output(out);
    }

    @Override
    public String kind() {
        return max ? "MaxReduce" : "Reduce";
    }

    @Override
    public int run(int budget) {
        int steps = 0;
        while (steps < budget && !outer.isEmpty() && !in.isEmpty() && !out.isFull()) {
            long o = outer.peekToken();
            if (inFiber) {
                long token = take(in);
                steps++;
                switch (Token.kind(token)) {
                    case Token.KIND_VAL -> {
                        accumulate(token);
                        t++;
                    }
                    case Token.KIND_EMPTY -> {
                        // as Reduce: an N costs nothing
                    }
                    case Token.KIND_STOP -> {
                        long result = !any ? Token.EMPTY
                                : tiles != null ? Token.val(accTile) : Token.value(acc);
                        emitAt(out, result, max ? t + 1 : t + latency);
                        take(outer);
                        acc = 0f;
                        any = false;
                        inFiber = false;
                        afterOuterStop = false;
                        t++;
                    }
                    default -> throw grammarError(in, token, "a value or the stop ending the fiber of outer coordinate "
                            + Token.format(o, false));
                }
                continue;
            }
            switch (Token.kind(o)) {
                case Token.KIND_VAL -> {
                    peek(outer);
                    inFiber = true;
                }
                case Token.KIND_STOP -> {
                    peek(outer);
                    if (afterOuterStop) {
                        long bare = peek(in);
                        if (!Token.isStop(bare)) {
                            throw grammarError(in, bare, "the bare stop of an empty outer fiber");
                        }
                        take(in);
                    }
                    emit(out, take(outer));
                    afterOuterStop = true;
                    steps++;
                    t++;
                }
                case Token.KIND_DONE -> {
                    peek(outer);
                    long end = peek(in);
                    if (!Token.isDone(end)) {
                        throw grammarError(in, end, "D (the outer stream has ended)");
                    }
                    take(in);
                    take(outer);
                    emit(out, Token.DONE);
                    finish();
                    return steps + 1;
                }
                default -> throw grammarError(outer, o, "an outer coordinate, stop or D");
            }
        }
        return steps;
    }

    private void accumulate(long token) {
        if (tiles != null) {
            accTile = tiles.fold(accTile, !any, Token.payload(token), max);
        } else {
            float v = Token.floatValue(token);
            acc = max ? (any ? Math.max(acc, v) : v) : acc + v;
        }
        if (!max) {
            reduces++;
        }
        any = true;
    }
}
