package dev.fuseflow.compiler.reference;

import dev.fuseflow.compiler.ir.IndexVar;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Collects the entries of a term being computed, one per flat position. A term whose whole index box is
 * small accumulates into dense arrays (as fast as the box is small); a larger one into a hash map from flat
 * position to entry, so that an N×N result costs its stored entries only.
 */
final class TermBuilder {
    /**
     * The largest box accumulated densely, at 17 bytes a cell: 2^25 cells (0.5 GB), or a tenth of the heap when
     * that is more. A hash map costs about 40 bytes a stored entry, so dense is the smaller choice whenever
     * more than about two cells in five are stored, which a product with a dense factor makes.
     */
    static final long DENSE_BOX_LIMIT = Math.min(Integer.MAX_VALUE - 8,
            Math.max(1L << 25, Runtime.getRuntime().maxMemory() / 170));

    private final List<IndexVar> vars;
    private final int[] dims;
    private final long box;
    // dense mode
    private final boolean dense;
    private boolean[] stored;
    // both modes: in dense mode indexed by flat position, else by entry number
    private long[] keys;
    private double[] values;
    private double[] magnitude;
    private final Long2IntOpenHashMap positions;
    private int count;

    TermBuilder(List<IndexVar> vars, Map<IndexVar, Integer> sizes) {
        this.vars = List.copyOf(vars);
        this.dims = vars.stream().mapToInt(sizes::get).toArray();
        long size = 1;
        for (int d : dims) {
            size = Math.multiplyExact(size, d);
        }
        this.box = size;
        this.dense = size <= DENSE_BOX_LIMIT;
        if (dense) {
            int n = (int) size;
            stored = new boolean[n];
            values = new double[n];
            magnitude = new double[n];
            positions = null;
        } else {
            keys = new long[16];
            values = new double[16];
            magnitude = new double[16];
            positions = new Long2IntOpenHashMap();
            positions.defaultReturnValue(-1);
        }
    }

    List<IndexVar> vars() {
        return vars;
    }

    /** The number of flat positions of the term's box. */
    long box() {
        return box;
    }

    /** Row-major strides of the term being built, one per variable of {@code over} (0 for variables it lacks). */
    long[] strides(List<IndexVar> over) {
        return SparseTerm.stridesOver(vars, SparseTerm.rowMajorStrides(dims), over);
    }

    /** Adds (or, for a max reduction, keeps the larger of) a contribution at a flat position. */
    void accumulate(long key, double value, double scale, boolean max) {
        int at = slot(key);
        if (at < 0) {
            append(key, value, scale);
        } else if (max) {
            if (value > values[at]) {
                values[at] = value;
                magnitude[at] = scale;
            }
        } else {
            values[at] += value;
            magnitude[at] += scale;
        }
    }

    boolean contains(long key) {
        return slot(key) >= 0;
    }

    private int slot(long key) {
        if (dense) {
            return stored[(int) key] ? (int) key : -1;
        }
        return positions.get(key);
    }

    /** Stores an entry at a flat position that holds none yet. */
    void append(long key, double value, double scale) {
        if (dense) {
            int at = (int) key;
            stored[at] = true;
            values[at] = value;
            magnitude[at] = scale;
            count++;
            return;
        }
        if (count == keys.length) {
            int grown = Math.max(16, Math.multiplyExact(count, 2));
            keys = Arrays.copyOf(keys, grown);
            values = Arrays.copyOf(values, grown);
            magnitude = Arrays.copyOf(magnitude, grown);
        }
        positions.put(key, count);
        keys[count] = key;
        values[count] = value;
        magnitude[count++] = scale;
    }

    /** The term: its keys ascending when it was built densely, in arrival order otherwise. */
    SparseTerm build() {
        if (!dense) {
            return new SparseTerm(vars, dims, keys, values, magnitude, count, false);
        }
        long[] k = new long[count];
        double[] v = new double[count];
        double[] m = new double[count];
        int e = 0;
        for (int at = 0; at < stored.length; at++) {
            if (stored[at]) {
                k[e] = at;
                v[e] = values[at];
                m[e++] = magnitude[at];
            }
        }
        return new SparseTerm(vars, dims, k, v, m, count, true);
    }
}
