package dev.fuseflow.simulator.engine.primitive;

import dev.fuseflow.simulator.engine.Channel;
import dev.fuseflow.simulator.engine.Primitive;
import dev.fuseflow.simulator.engine.TilePool;
import dev.fuseflow.simulator.engine.Token;

/**
 * Reduce (add / addsum / max, Comal Reduce and MaxReduce): reduces each innermost fiber to one value and
 * lowers stops by one level (sam-streams-and-primitives.md §4.12). An empty fiber sums to 0.
 *
 * <p>Values differ from Comal on purpose for max: Comal's MaxReduce resets to 0.0 after each stop; we
 * restart from negative infinity (simulator/DEVIATIONS.md). An empty fiber's max is reported as 0 like
 * Comal's first fiber would be when nothing is stored.
 *
 * <p>Timing: {@code t += 1} per token except {@code N}, consumed free; on {@code Sn} the result at
 * {@code t + latency} ({@code N²} in true-block mode, else 1) and {@code S(n-1)} at {@code t+1} when
 * {@code n > 0}; {@code D} at {@code t+1} ends without increment.
 *
 * <p>True-block mode ({@code tiles} set): the fiber's tiles are summed (or maxed) element by element into
 * an accumulator tile, which the stop emits; an empty fiber yields the zero tile.
 */
public final class Reduce extends Primitive {
    private final boolean max;
    private final boolean skipsEmpty;
    private final long latency;
    private final Channel in;
    private final Channel out;
    private float acc;
    private boolean any;
    /** True-block mode: the pool of the tiles; null for scalar values. */
    private final TilePool tiles;
    /** True-block mode: the accumulator tile, owned while {@code any}. */
    private int accTile;

    public Reduce(String name, boolean max, long latency, Channel in, Channel out) {
        this(name, max, latency, false, in, out);
    }

    /** With {@code skipsEmpty}, a fiber without values yields no value (see ReduceOp). */
    public Reduce(String name, boolean max, long latency, boolean skipsEmpty, Channel in, Channel out) {
        this(name, max, latency, skipsEmpty, null, in, out);
    }

    public Reduce(String name, boolean max, long latency, boolean skipsEmpty, TilePool tiles, Channel in,
            Channel out) {
        super(name);
        this.tiles = tiles;
        this.max = max;
        this.skipsEmpty = skipsEmpty;
        this.latency = latency;
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
        while (steps < budget && !in.isEmpty() && out.hasRoom(2)) { // a stop emits the sum and a stop
            long token = take(in);
            steps++;
            switch (Token.kind(token)) {
                case Token.KIND_VAL -> {
                    if (tiles != null) {
                        accumulateTile(Token.payload(token));
                        t++;
                        continue;
                    }
                    float v = Token.floatValue(token);
                    if (max) {
                        acc = any ? Math.max(acc, v) : v;
                    } else {
                        acc += v;
                        reduces++;
                    }
                    any = true;
                    t++;
                }
                case Token.KIND_EMPTY -> {
                    // Comal's reducers skip N at no cost ("continue" before the increment).
                }
                case Token.KIND_STOP -> {
                    if (any || !skipsEmpty) {
                        long result = tiles != null ? Token.val(any ? accTile : TilePool.ZERO)
                                : Token.value(any || !max ? acc : 0f);
                        emitAt(out, result, max ? t + 1 : t + latency);
                    }
                    int level = Token.payload(token);
                    if (level > 0) {
                        emit(out, Token.stop(level - 1));
                    }
                    acc = 0f;
                    any = false;
                    t++;
                }
                default -> {
                    emit(out, Token.DONE);
                    finish();
                    return steps;
                }
            }
        }
        return steps;
    }

    private void accumulateTile(int tile) {
        accTile = tiles.fold(accTile, !any, tile, max);
        any = true;
        if (!max) {
            reduces++;
        }
    }
}
