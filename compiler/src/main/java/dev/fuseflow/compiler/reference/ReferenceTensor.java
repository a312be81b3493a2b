package dev.fuseflow.compiler.reference;

import dev.fuseflow.simulator.tensor.FiberTensor;
import java.util.Arrays;

/**
 * A tensor as the reference evaluator sees it: its stored entries only, as row-major flat positions in
 * ascending order ({@code keys}), their double values, and per entry the sum of absolute values of the
 * terms that produced it (the {@code S} of the error bound in ARCHITECTURE.md §3.0). Nothing is held for
 * coordinates that store no entry, so a graph's N×N adjacency costs its edges, not N².
 */
public record ReferenceTensor(String name, int[] shape, long[] keys, double[] values, double[] magnitude) {

    public long storedCount() {
        return keys.length;
    }

    /** The stored entry at a row-major flat position, or -1 when none is stored there. */
    public int find(long key) {
        int at = Arrays.binarySearch(keys, key);
        return at < 0 ? -1 : at;
    }

    /** The logical coordinates of a row-major flat position in this tensor's shape. */
    public int[] coordinates(long key) {
        int[] coords = new int[shape.length];
        long rest = key;
        for (int mode = shape.length - 1; mode >= 0; mode--) {
            coords[mode] = (int) (rest % shape[mode]);
            rest /= shape[mode];
        }
        return coords;
    }

    /** A simulated (or supplied) tensor's stored entries, their magnitudes being their absolute values. */
    public static ReferenceTensor of(FiberTensor tensor) {
        int n = tensor.storedCount();
        long[] keys = new long[n];
        double[] values = new double[n];
        int[] next = {0};
        tensor.forEachStored((c, v) -> {
            keys[next[0]] = tensor.flatIndex(c);
            values[next[0]++] = v;
        });
        sortByKey(keys, values, null);
        double[] magnitude = new double[n];
        for (int i = 0; i < n; i++) {
            magnitude[i] = Math.abs(values[i]);
        }
        return new ReferenceTensor(tensor.name(), tensor.shape(), keys, values, magnitude);
    }

    /** Sorts the parallel arrays by key, unless they already are (storage order is often row-major). */
    static void sortByKey(long[] keys, double[] values, double[] magnitude) {
        boolean sorted = true;
        for (int i = 1; i < keys.length && sorted; i++) {
            sorted = keys[i - 1] < keys[i];
        }
        if (sorted) {
            return;
        }
        int[] order = new int[keys.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        it.unimi.dsi.fastutil.ints.IntArrays.quickSort(order, (a, b) -> Long.compare(keys[a], keys[b]));
        long[] k = keys.clone();
        double[] v = values.clone();
        double[] m = magnitude == null ? null : magnitude.clone();
        for (int i = 0; i < order.length; i++) {
            keys[i] = k[order[i]];
            values[i] = v[order[i]];
            if (m != null) {
                magnitude[i] = m[order[i]];
            }
        }
    }
}
