package dev.fuseflow.compiler.reference;

import dev.fuseflow.compiler.ir.IndexVar;
import java.util.List;
import java.util.Map;

/**
 * The value of a sub-expression over its free variables: dense row-major doubles in the order of
 * {@code vars}, the stored-entry mask, and the error scale {@code S} of every entry.
 */
record DenseTerm(List<IndexVar> vars, int[] dims, double[] values, boolean[] stored, double[] magnitude,
        List<IndexVar> storage, int denseLevels) {

    /** A computed term: stored in the order of its variables, every level holding only stored entries. */
    DenseTerm(List<IndexVar> vars, int[] dims, double[] values, boolean[] stored, double[] magnitude) {
        this(vars, dims, values, stored, magnitude, vars, 0);
    }

    /**
     * Whether the fiber path of the storage levels {@code 0..depth} through {@code coords} (given over
     * {@code over}) exists: always for leading dense levels, otherwise when an entry is stored below it.
     */
    boolean[] prefixPresence(int depth) {
        List<IndexVar> prefix = storage.subList(0, depth + 1);
        int[] prefixDims = prefix.stream().mapToInt(v -> dims[vars.indexOf(v)]).toArray();
        int size = 1;
        for (int d : prefixDims) {
            size *= d;
        }
        boolean[] present = new boolean[size];
        if (depth < denseLevels) {
            java.util.Arrays.fill(present, true);
            return present;
        }
        int[] own = new int[vars.size()];
        int stride = 1;
        for (int k = vars.size() - 1; k >= 0; k--) {
            own[k] = stride;
            stride *= dims[k];
        }
        for (int index = 0; index < values.length; index++) {
            if (!stored[index]) {
                continue;
            }
            int flat = 0;
            for (IndexVar var : prefix) {
                int k = vars.indexOf(var);
                flat = flat * dims[k] + (index / own[k]) % dims[k];
            }
            present[flat] = true;
        }
        return present;
    }

    static DenseTerm empty(List<IndexVar> vars, Map<IndexVar, Integer> sizes) {
        int[] dims = vars.stream().mapToInt(sizes::get).toArray();
        long size = 1;
        for (int d : dims) {
            size *= d;
        }
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("the reference evaluation of a term over " + vars + " needs " + size
                    + " entries; use --scale to shrink the dataset");
        }
        int n = (int) size;
        return new DenseTerm(List.copyOf(vars), dims, new double[n], new boolean[n], new double[n]);
    }

    int size() {
        return values.length;
    }

    /** Row-major strides of this term, one per variable of {@code over} (0 for variables it lacks). */
    int[] strides(List<IndexVar> over) {
        int[] own = new int[vars.size()];
        int stride = 1;
        for (int k = vars.size() - 1; k >= 0; k--) {
            own[k] = stride;
            stride *= dims[k];
        }
        int[] out = new int[over.size()];
        for (int k = 0; k < over.size(); k++) {
            int at = vars.indexOf(over.get(k));
            out[k] = at < 0 ? 0 : own[at];
        }
        return out;
    }
}
