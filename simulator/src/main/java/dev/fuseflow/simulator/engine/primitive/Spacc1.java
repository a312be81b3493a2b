package dev.fuseflow.simulator.engine.primitive;

import dev.fuseflow.simulator.engine.Channel;
import dev.fuseflow.simulator.engine.Primitive;
import dev.fuseflow.simulator.engine.TilePool;
import dev.fuseflow.simulator.engine.Token;
import java.util.Arrays;

/**
 * Sparse accumulator of order 1 (Comal Spacc1): reduces the level directly above the inner level,
 * emitting per outer fiber the sorted union of inner coordinates with their sums
 * (sam-streams-and-primitives.md §4.13).
 *
 * <p>Ports: {@code in_crd_outer} (the reduced level), {@code in_crd_inner}, {@code in_val} →
 * {@code out_crd_inner}, {@code out_val}. Each step peeks all three heads:
 * outer value with inner value: accumulate, pop inner and val; outer value with inner stop: pop all three;
 * outer {@code Sn}: flush every (crd, sum) in ascending order and {@code Sn}, pop the outer, and if the
 * inner head is a stop {@code Sk}, peek the next outer token and pop inner and val when it is
 * {@code S(k-1)}; outer {@code D} with inner {@code D}: emit {@code D} and end; outer {@code D}
 * otherwise: pop inner and val.
 *
 * <p>Timing: the whole flush is stamped {@code t+1} in one iteration (downstream paces it); {@code t += 1}
 * per iteration; {@code D} ends without increment. The accumulator is a dense array indexed by
 * coordinate plus a touched list sorted at flush, so nothing is allocated per token.
 *
 * <p>True-block mode ({@code tiles} set): each coordinate accumulates a tile (the first value's tile is
 * taken over, later ones are added element by element and given back); the flush emits the tiles.
 */
public final class Spacc1 extends Primitive {
    private final Channel outer;
    private final Channel inner;
    private final Channel val;
    private final Channel outCrd;
    private final Channel outVal;
    private float[] sums = new float[64];
    /** True-block mode: the pool of the tiles (null for scalar values) and each coordinate's sum tile. */
    private final TilePool tiles;
    /** Whether the outer fiber being read has had a coordinate, so an empty one can be told apart. */
    private boolean fiberHadCoordinate;
    private int[] sumTiles;
    private boolean[] present = new boolean[64];
    private int[] touched = new int[64];
    private int touchedCount;
    private boolean flushing;
    private int flushed;

    public Spacc1(String name, Channel outer, Channel inner, Channel val, Channel outCrd, Channel outVal) {
        this(name, null, outer, inner, val, outCrd, outVal);
    }

    public Spacc1(String name, TilePool tiles, Channel outer, Channel inner, Channel val, Channel outCrd,
            Channel outVal) {
        super(name);
        this.tiles = tiles;
        this.sumTiles = tiles == null ? null : new int[64];
        this.outer = input(outer);
        this.inner = input(inner);
        this.val = input(val);
        this.outCrd = output(outCrd);
        this.outVal = output(outVal);
    }

    @Override
    public String kind() {
        return "Spacc1";
    }

    @Override
    public int run(int budget) {
        int steps = 0;
        while (steps < budget && !outer.isEmpty() && !inner.isEmpty() && !val.isEmpty() && !outputsFull()) {
            long o = outer.peekToken();
            long i = inner.peekToken();
            if (Token.isStop(o) && Token.isStop(i) && outer.size() < 2) {
                break; // the post-flush peek of the next outer token needs it present
            }
            peek(outer);
            peek(inner);
            long v = peek(val);
            steps++;
            if (Token.kind(i) != Token.kind(v) && !(Token.isVal(i) && Token.isEmpty(v))) {
                throw grammarError(val, v, "a token of the same kind as " + Token.format(i, false) + " on '"
                        + inner.name() + "'");
            }
            switch (Token.kind(o)) {
                case Token.KIND_VAL -> {
                    if (Token.isVal(i)) {
                        accumulate(Token.payload(i), TilePool.zeroIfEmpty(v, tiles));
                        take(inner);
                        take(val);
                        t++;
                        steps = accumulateRun(steps, budget);
                        continue;
                    } else if (Token.isStop(i)) {
                        if (i != v) {
                            throw grammarError(val, v, Token.format(i, false) + " (the stop on '" + inner.name() + "')");
                        }
                        take(outer);
                        take(inner);
                        take(val);
                        fiberHadCoordinate = true;
                    } else {
                        throw grammarError(inner, i, "a coordinate or a stop under outer coordinate "
                                + Token.format(o, false));
                    }
                    t++;
                }
                case Token.KIND_STOP -> {
                    if (!flush(o)) {
                        return steps; // resumes the flush when the outputs have room again
                    }
                    take(outer);
                    if (Token.isStop(i)) {
                        long next = peek(outer);
                        if (Token.isStop(next) && Token.payload(i) == Token.payload(next) + 1) {
                            take(inner);
                            take(val);
                        } else if (Token.isDone(next)) {
                            // An empty outer stream (no coordinate at all) leaves its inner stop unpopped;
                            // Comal panics here, we consume it (simulator/DEVIATIONS.md).
                            take(inner);
                            take(val);
                        } else if (!fiberHadCoordinate && Token.payload(i) == Token.payload(o) + 1) {
                            // An empty first outer fiber: the inner stream closes it with one stop level more,
                            // which no earlier outer stop looked ahead to (later empty fibers' stops are taken
                            // by the look-ahead above).
                            take(inner);
                            take(val);
                        }
                        // A coordinate next: the inner stop opens that coordinate's inner stream. It is S0 for
                        // an empty inner fiber, or S1 and higher when that fiber is also the last of its outer
                        // fiber (merged stops); Comal asserts S0 and panics on the rest (simulator/DEVIATIONS.md).
                    }
                    fiberHadCoordinate = false;
                    t++;
                }
                case Token.KIND_DONE -> {
                    if (Token.isDone(i)) {
                        take(outer);
                        take(inner);
                        take(val);
                        emit(outCrd, Token.DONE);
                        emit(outVal, Token.DONE);
                        finish();
                        return steps;
                    }
                    take(inner);
                    take(val);
                    t++;
                }
                default -> throw grammarError(outer, o, "an outer coordinate, stop or D (N is not accepted)");
            }
        }
        return steps;
    }

    /**
     * The steps that follow an accumulation under the same outer coordinate, while the inner head is a
     * coordinate: exactly what {@link #run} would do for them, without re-checking what such a step cannot
     * change. The outer head is only peeked (its stamp is already in the clock) and nothing is emitted, so
     * the outer input stays non-empty and the outputs keep the room they had when the first step began.
     * Most of Spacc1's steps are these, and they are a large share of a reduction-heavy run.
     */
    private int accumulateRun(int steps, int budget) {
        while (steps < budget && !inner.isEmpty() && !val.isEmpty()) {
            long i = inner.peekToken();
            if (!Token.isVal(i)) {
                return steps; // a stop: the general step handles it
            }
            peek(inner);
            long v = peek(val);
            steps++;
            if (!Token.isVal(v) && !Token.isEmpty(v)) {
                throw grammarError(val, v, "a token of the same kind as " + Token.format(i, false) + " on '"
                        + inner.name() + "'");
            }
            accumulate(Token.payload(i), TilePool.zeroIfEmpty(v, tiles));
            take(inner);
            take(val);
            t++;
        }
        return steps;
    }

    private void accumulate(int coordinate, long value) {
        if (coordinate >= sums.length) {
            int capacity = Math.max(coordinate + 1, sums.length * 2);
            sums = Arrays.copyOf(sums, capacity);
            present = Arrays.copyOf(present, capacity);
            if (tiles != null) {
                sumTiles = Arrays.copyOf(sumTiles, capacity);
            }
        }
        boolean first = !present[coordinate];
        if (first) {
            present[coordinate] = true;
            sums[coordinate] = 0f;
            if (touchedCount == touched.length) {
                touched = Arrays.copyOf(touched, touchedCount * 2);
            }
            touched[touchedCount++] = coordinate;
        }
        if (tiles == null) {
            sums[coordinate] += Token.floatValue(value);
        } else if (first) {
            sumTiles[coordinate] = tiles.own(Token.payload(value));
        } else {
            tiles.addInto(sumTiles[coordinate], Token.payload(value));
            tiles.release(Token.payload(value));
        }
        reduces++;
    }

    /**
     * Emits the accumulated row and the stop while the outputs have room; false when it must wait (a
     * bounded FIFO shorter than the row), keeping its place so the next turn continues the same flush.
     */
    private boolean flush(long stop) {
        if (!flushing) {
            Arrays.sort(touched, 0, touchedCount);
            flushing = true;
            flushed = 0;
        }
        while (flushed < touchedCount) {
            if (outputsFull()) {
                return false;
            }
            int coordinate = touched[flushed++];
            emit(outCrd, Token.val(coordinate));
            emit(outVal, tiles == null ? Token.value(sums[coordinate]) : Token.val(sumTiles[coordinate]));
            present[coordinate] = false;
        }
        if (outputsFull()) {
            return false;
        }
        touchedCount = 0;
        flushing = false;
        emit(outCrd, stop);
        emit(outVal, stop);
        return true;
    }
}
