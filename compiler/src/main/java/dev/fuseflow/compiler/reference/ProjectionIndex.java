package dev.fuseflow.compiler.reference;

import it.unimi.dsi.fastutil.ints.IntArrays;

/**
 * A term's entries grouped by their coordinates in a subset of its variables, so that a join can visit
 * exactly the entries that agree with the coordinates already bound: a counting sort when the subset's box
 * is small, a comparison sort otherwise.
 */
final class ProjectionIndex {
    private final int[] order;
    private final long[] sortedKeys;
    private final int[] start;
    private final long[] subsetStrides;

    /**
     * @param term the term whose entries are grouped
     * @param subset indices into {@code term.vars} of the variables grouped by
     */
    ProjectionIndex(SparseTerm term, int[] subset) {
        int n = term.count;
        subsetStrides = new long[subset.length];
        long box = 1;
        for (int s = subset.length - 1; s >= 0; s--) {
            subsetStrides[s] = box;
            box = Math.multiplyExact(box, term.dims[subset[s]]);
        }
        long[] projected = new long[n];
        for (int e = 0; e < n; e++) {
            long key = 0;
            for (int s = 0; s < subset.length; s++) {
                key += term.coordinate(e, subset[s]) * subsetStrides[s];
            }
            projected[e] = key;
        }
        order = new int[n];
        if (box <= 4L * n + (1 << 20)) {
            start = new int[(int) box + 1];
            for (long key : projected) {
                start[(int) key + 1]++;
            }
            for (int k = 0; k < box; k++) {
                start[k + 1] += start[k];
            }
            int[] next = java.util.Arrays.copyOf(start, (int) box);
            for (int e = 0; e < n; e++) {
                order[next[(int) projected[e]]++] = e;
            }
            sortedKeys = null;
        } else {
            for (int e = 0; e < n; e++) {
                order[e] = e;
            }
            IntArrays.quickSort(order, (a, b) -> Long.compare(projected[a], projected[b]));
            sortedKeys = new long[n];
            for (int i = 0; i < n; i++) {
                sortedKeys[i] = projected[order[i]];
            }
            start = null;
        }
    }

    /** The weight of each grouped variable in a group key (row-major over the subset). */
    long[] subsetStrides() {
        return subsetStrides;
    }

    /** The first position in {@link #entry} of the group with this key. */
    int from(long key) {
        if (start != null) {
            return start[(int) key];
        }
        int at = java.util.Arrays.binarySearch(sortedKeys, key);
        if (at < 0) {
            return -at - 1;
        }
        while (at > 0 && sortedKeys[at - 1] == key) {
            at--;
        }
        return at;
    }

    /** One past the last position of the group with this key. */
    int to(long key, int from) {
        if (start != null) {
            return start[(int) key + 1];
        }
        int at = from;
        while (at < sortedKeys.length && sortedKeys[at] == key) {
            at++;
        }
        return at;
    }

    /** The entry (of the term) at a position. */
    int entry(int position) {
        return order[position];
    }
}
