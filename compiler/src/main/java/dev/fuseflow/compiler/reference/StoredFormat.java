package dev.fuseflow.compiler.reference;

import dev.fuseflow.compiler.ir.TensorDecl;
import dev.fuseflow.simulator.tensor.LevelFormat;
import java.util.Arrays;

/**
 * The pattern a tensor has once written in its declared format: walking the levels in storage order, a
 * dense level stores every coordinate below a stored parent, a compressed level only the coordinates
 * that lead to a computed entry. Newly stored entries are explicit zeros.
 */
final class StoredFormat {
    private StoredFormat() {
    }

    static ReferenceTensor apply(ReferenceTensor tensor, TensorDecl decl) {
        int rank = tensor.shape().length;
        if (rank == 0 || !decl.formats().contains(LevelFormat.DENSE)) {
            return tensor;
        }
        int[] order = decl.modeOrderArray();
        int[] levelSize = new int[rank];
        for (int level = 0; level < rank; level++) {
            levelSize[level] = tensor.shape()[order[level]];
        }
        // prefixes[l]: the distinct storage-order prefixes (levels 0..l) of computed entries, ascending
        int n = tensor.keys().length;
        long[][] prefixes = new long[rank][n];
        for (int e = 0; e < n; e++) {
            int[] coord = tensor.coordinates(tensor.keys()[e]);
            long prefix = 0;
            for (int level = 0; level < rank; level++) {
                prefix = prefix * levelSize[level] + coord[order[level]];
                prefixes[level][e] = prefix;
            }
        }
        for (int level = 0; level < rank; level++) {
            prefixes[level] = distinctSorted(prefixes[level]);
        }
        long[] paths = {0};
        for (int level = 0; level < rank; level++) {
            boolean dense = decl.formats().get(level) == LevelFormat.DENSE;
            paths = children(paths, levelSize[level], dense ? null : prefixes[level]);
        }
        long[] keys = new long[paths.length];
        double[] values = new double[paths.length];
        double[] magnitude = new double[paths.length];
        int[] coord = new int[rank];
        for (int p = 0; p < paths.length; p++) {
            long rest = paths[p];
            for (int level = rank - 1; level >= 0; level--) {
                coord[order[level]] = (int) (rest % levelSize[level]);
                rest /= levelSize[level];
            }
            long key = 0;
            for (int mode = 0; mode < rank; mode++) {
                key = key * tensor.shape()[mode] + coord[mode];
            }
            keys[p] = key;
            int at = tensor.find(key);
            if (at >= 0) {
                values[p] = tensor.values()[at];
                magnitude[p] = tensor.magnitude()[at];
            }
        }
        ReferenceTensor.sortByKey(keys, values, magnitude);
        return new ReferenceTensor(tensor.name(), tensor.shape(), keys, values, magnitude);
    }

    /**
     * The paths one level down from {@code parents}: every coordinate of a dense level ({@code present} null),
     * else the coordinates whose path is in {@code present}.
     */
    private static long[] children(long[] parents, int size, long[] present) {
        if (present == null) {
            long[] out = new long[Math.multiplyExact(parents.length, size)];
            int next = 0;
            for (long parent : parents) {
                for (int c = 0; c < size; c++) {
                    out[next++] = parent * size + c;
                }
            }
            return out;
        }
        long[] out = new long[present.length];
        int next = 0;
        for (long parent : parents) {
            int from = Arrays.binarySearch(present, parent * size);
            from = from < 0 ? -from - 1 : from;
            for (int p = from; p < present.length && present[p] < (parent + 1) * size; p++) {
                out[next++] = present[p];
            }
        }
        return Arrays.copyOf(out, next);
    }

    private static long[] distinctSorted(long[] keys) {
        long[] sorted = keys.clone();
        Arrays.sort(sorted);
        int next = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (next == 0 || sorted[next - 1] != sorted[i]) {
                sorted[next++] = sorted[i];
            }
        }
        return Arrays.copyOf(sorted, next);
    }
}
