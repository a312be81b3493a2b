package dev.fuseflow.simulator.engine.primitive;

import dev.fuseflow.simulator.engine.Channel;
import dev.fuseflow.simulator.engine.Primitive;
import dev.fuseflow.simulator.engine.TilePool;
import dev.fuseflow.simulator.engine.Token;
import java.util.Arrays;

/**
 * Sparse accumulator of order 2 (Comal Spacc2): reduces the level above two kept levels, accumulating
 * by (kept, inner) coordinate and emitting, per reduced fiber, the sorted kept coordinates with their
 * sorted inner fibers (sam-streams-and-primitives.md §4.13).
 *
 * <p>Ports: {@code in_crd2} (reduced), {@code in_crd1} (kept), {@code in_crd0} (inner), {@code in_val}
 * → {@code out_crd1}, {@code out_crd0}, {@code out_val}. Each step peeks all four heads; crd0 and val
 * must be of the same kind. crd2 coordinate with crd1 coordinate {@code c1}: take crd0 and val; a value
 * adds into {@code (c1, c0)}, a stop also pops crd1 (its level is not checked). crd2 coordinate with a
 * crd1 stop: pop crd1 and crd2. crd2 {@code Sn}: flush and pop crd2. crd2 {@code D}: a crd1 stop is
 * popped; with crd1 and crd0 {@code D}, {@code D} goes to all three outputs and it ends.
 *
 * <p>The flush, in ascending order: for each kept coordinate, the coordinate on {@code out_crd1}, its
 * (crd0, val) pairs, then {@code S0} on crd0/val ({@code S(n+1)} after the last kept coordinate); then
 * {@code Sn} on {@code out_crd1}. An empty accumulator emits only {@code Sn} on {@code out_crd1}.
 *
 * <p>Unlike Comal, crd2 {@code D} with crd1 {@code D} and a crd0/val stop pops that stop, so an operand
 * with no entries at all finishes with empty outputs instead of panicking (simulator/DEVIATIONS.md).
 *
 * <p>Timing: the whole flush is stamped {@code t+1} in one iteration (downstream paces it);
 * {@code t += 1} per iteration; {@code D} ends without increment. The accumulator is an open-addressing
 * table keyed by the packed pair plus a list of keys sorted at flush, so nothing is allocated per token.
 *
 * <p>True-block mode ({@code tiles} set): each (kept, inner) pair accumulates a tile as in {@link Spacc1}.
 */
public final class Spacc2 extends Primitive {
    private final Channel crd2;
    private final Channel crd1;
    private final Channel crd0;
    private final Channel val;
    private final Channel outCrd1;
    private final Channel outCrd0;
    private final Channel outVal;
    private long[] slotKeys = new long[64];
    private float[] slotSums = new float[64];
    /** True-block mode: the pool of the tiles (null for scalar values) and each slot's sum tile. */
    private final TilePool tiles;
    private int[] slotTiles = new int[64];
    private boolean[] slotUsed = new boolean[64];
    private long[] keys = new long[32];
    private int keyCount;
    private int[] flushSlots = new int[32];

    public Spacc2(String name, Channel crd2, Channel crd1, Channel crd0, Channel val, Channel outCrd1,
            Channel outCrd0, Channel outVal) {
        this(name, null, crd2, crd1, crd0, val, outCrd1, outCrd0, outVal);
    }

    public Spacc2(String name, TilePool tiles, Channel crd2, Channel crd1, Channel crd0, Channel val,
            Channel outCrd1, Channel outCrd0, Channel outVal) {
        super(name);
        this.tiles = tiles;
        this.crd2 = input(crd2);
        this.crd1 = input(crd1);
        this.crd0 = input(crd0);
        this.val = input(val);
        this.outCrd1 = output(outCrd1);
        this.outCrd0 = output(outCrd0);
        this.outVal = output(outVal);
    }

    @Override
    public String kind() {
        return "Spacc2";
    }

    @Override
    public int run(int budget) {
        int steps = 0;
        while (steps < budget && !crd2.isEmpty() && !crd1.isEmpty() && !crd0.isEmpty() && !val.isEmpty()
                && !outputsFull()) {
            long reduced = peek(crd2);
            long kept = peek(crd1);
            long inner = peek(crd0);
            long v = peek(val);
            steps++;
            if (Token.kind(inner) != Token.kind(v) && !(Token.isVal(inner) && Token.isEmpty(v))) {
                throw grammarError(val, v, "a token of the same kind as " + Token.format(inner, false) + " on '"
                        + crd0.name() + "'");
            }
            switch (Token.kind(reduced)) {
                case Token.KIND_VAL -> {
                    if (Token.isVal(kept)) {
                        if (Token.isVal(inner)) {
                            accumulate(Token.payload(kept), Token.payload(inner), TilePool.zeroIfEmpty(v, tiles));
                        } else if (Token.isStop(inner)) {
                            take(crd1);
                        } else {
                            throw grammarError(crd0, inner, "an inner coordinate or a stop under kept coordinate "
                                    + Token.format(kept, false));
                        }
                        take(crd0);
                        take(val);
                    } else if (Token.isStop(kept)) {
                        take(crd1);
                        take(crd2);
                    } else {
                        throw grammarError(crd1, kept, "a kept coordinate or a stop under reduced coordinate "
                                + Token.format(reduced, false));
                    }
                    t++;
                }
                case Token.KIND_STOP -> {
                    flush(reduced);
                    take(crd2);
                    t++;
                }
                case Token.KIND_DONE -> {
                    if (Token.isStop(kept)) {
                        take(crd1);
                    } else if (Token.isDone(kept) && Token.isDone(inner)) {
                        take(crd2);
                        take(crd1);
                        take(crd0);
                        take(val);
                        emit(outCrd1, Token.DONE);
                        emit(outCrd0, Token.DONE);
                        emit(outVal, Token.DONE);
                        finish();
                        return steps;
                    } else if (Token.isDone(kept) && Token.isStop(inner)) {
                        // Left over by an operand with no entries; Comal panics here (simulator/DEVIATIONS.md).
                        take(crd0);
                        take(val);
                    } else {
                        throw grammarError(crd1, kept, "a stop or D (the reduced stream has ended)");
                    }
                    t++;
                }
                default -> throw grammarError(crd2, reduced, "a reduced coordinate, stop or D");
            }
        }
        return steps;
    }

    private static long pack(int kept, int inner) {
        return ((long) kept << 32) | (inner & 0xFFFF_FFFFL);
    }

    private int slot(long key) {
        int mask = slotKeys.length - 1;
        int h = (int) (key ^ (key >>> 29) ^ (key >>> 47)) * 0x9E3779B9;
        int s = (h ^ (h >>> 16)) & mask;
        while (slotUsed[s] && slotKeys[s] != key) {
            s = (s + 1) & mask;
        }
        return s;
    }

    private void accumulate(int kept, int inner, long value) {
        long key = pack(kept, inner);
        int s = slot(key);
        boolean first = !slotUsed[s];
        if (first) {
            if ((keyCount + 1) * 2 > slotKeys.length) {
                grow();
                s = slot(key);
            }
            slotUsed[s] = true;
            slotKeys[s] = key;
            slotSums[s] = 0f;
            if (keyCount == keys.length) {
                keys = Arrays.copyOf(keys, keyCount * 2);
                flushSlots = new int[keys.length];
            }
            keys[keyCount++] = key;
        }
        if (tiles == null) {
            slotSums[s] += Token.floatValue(value);
        } else if (first) {
            slotTiles[s] = tiles.own(Token.payload(value));
        } else {
            tiles.addInto(slotTiles[s], Token.payload(value));
            tiles.release(Token.payload(value));
        }
        reduces++;
    }

    private void grow() {
        long[] oldKeys = slotKeys;
        float[] oldSums = slotSums;
        int[] oldTiles = slotTiles;
        boolean[] oldUsed = slotUsed;
        int capacity = oldKeys.length * 2;
        slotKeys = new long[capacity];
        slotSums = new float[capacity];
        slotTiles = new int[capacity];
        slotUsed = new boolean[capacity];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldUsed[i]) {
                int s = slot(oldKeys[i]);
                slotUsed[s] = true;
                slotKeys[s] = oldKeys[i];
                slotSums[s] = oldSums[i];
                slotTiles[s] = oldTiles[i];
            }
        }
    }

    private void flush(long stop) {
        Arrays.sort(keys, 0, keyCount);
        int level = Token.payload(stop);
        for (int k = 0; k < keyCount; k++) {
            int kept = (int) (keys[k] >>> 32);
            if (k == 0 || kept != (int) (keys[k - 1] >>> 32)) {
                emit(outCrd1, Token.val(kept));
            }
            int s = slot(keys[k]);
            flushSlots[k] = s;
            emit(outCrd0, Token.val((int) keys[k]));
            emit(outVal, tiles == null ? Token.value(slotSums[s]) : Token.val(slotTiles[s]));
            boolean lastOfKept = k + 1 == keyCount || kept != (int) (keys[k + 1] >>> 32);
            if (lastOfKept) {
                long innerStop = Token.stop(k + 1 == keyCount ? level + 1 : 0);
                emit(outCrd0, innerStop);
                emit(outVal, innerStop);
            }
        }
        // Cleared only after every lookup, so no probe chain is cut while it is still read.
        for (int k = 0; k < keyCount; k++) {
            slotUsed[flushSlots[k]] = false;
        }
        keyCount = 0;
        emit(outCrd1, stop);
    }
}
