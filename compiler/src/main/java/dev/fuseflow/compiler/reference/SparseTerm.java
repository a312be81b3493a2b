package dev.fuseflow.compiler.reference;

import dev.fuseflow.compiler.ir.IndexVar;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import java.util.List;

/**
 * The value of a sub-expression over its free variables: its stored entries as row-major flat positions
 * over {@code vars} ({@code keys}, in no particular order), their values and error scales {@code S}. A term
 * read from a tensor also knows the variables in the tensor's storage order and how many leading levels are
 * dense, which decides where a broadcast operand of a sum may appear.
 */
final class SparseTerm {
    final List<IndexVar> vars;
    final int[] dims;
    final long[] keys;
    final double[] values;
    final double[] magnitude;
    final int count;
    final List<IndexVar> storage;
    final int denseLevels;
    /** Whether {@link #keys} ascend, so that a lookup can bisect instead of hashing. */
    final boolean sorted;
    private final long[] strides;
    private Long2IntOpenHashMap index;

    SparseTerm(List<IndexVar> vars, int[] dims, long[] keys, double[] values, double[] magnitude, int count,
            boolean sorted, List<IndexVar> storage, int denseLevels) {
        this.vars = List.copyOf(vars);
        this.dims = dims;
        this.keys = keys;
        this.values = values;
        this.magnitude = magnitude;
        this.count = count;
        this.storage = List.copyOf(storage);
        this.denseLevels = denseLevels;
        this.sorted = sorted;
        this.strides = rowMajorStrides(dims);
    }

    /** A computed term: stored in the order of its variables, every level holding only stored entries. */
    SparseTerm(List<IndexVar> vars, int[] dims, long[] keys, double[] values, double[] magnitude, int count,
            boolean sorted) {
        this(vars, dims, keys, values, magnitude, count, sorted, vars, 0);
    }

    static long[] rowMajorStrides(int[] dims) {
        long[] strides = new long[dims.length];
        long stride = 1;
        for (int k = dims.length - 1; k >= 0; k--) {
            strides[k] = stride;
            stride = Math.multiplyExact(stride, dims[k]);
        }
        return strides;
    }

    /** The entry stored at a flat position, or -1. */
    int find(long key) {
        if (sorted) {
            int at = java.util.Arrays.binarySearch(keys, 0, count, key);
            return at < 0 ? -1 : at;
        }
        if (index == null) {
            Long2IntOpenHashMap built = new Long2IntOpenHashMap(count);
            built.defaultReturnValue(-1);
            for (int e = 0; e < count; e++) {
                built.put(keys[e], e);
            }
            index = built;
        }
        return index.get(key);
    }

    /** The coordinate of variable number {@code k} (of {@link #vars}) in entry {@code e}. */
    int coordinate(int e, int k) {
        return (int) ((keys[e] / strides[k]) % dims[k]);
    }

    /**
     * This term's flat-position weights for each variable of {@code over} (0 for variables it lacks): the dot
     * product with coordinates given over {@code over} is this term's flat position.
     */
    long[] strides(List<IndexVar> over) {
        return stridesOver(vars, strides, over);
    }

    /** The weights {@code own} of the variables {@code vars}, rearranged for {@code over} (0 for the ones absent). */
    static long[] stridesOver(List<IndexVar> vars, long[] own, List<IndexVar> over) {
        long[] out = new long[over.size()];
        for (int k = 0; k < over.size(); k++) {
            int at = vars.indexOf(over.get(k));
            out[k] = at < 0 ? 0 : own[at];
        }
        return out;
    }
}
