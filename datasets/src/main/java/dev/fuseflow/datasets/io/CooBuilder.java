package dev.fuseflow.datasets.io;

import dev.fuseflow.datasets.SparseMatrix;
import java.util.Arrays;

/**
 * Collects coordinate entries in any order (growing primitive arrays, no boxing) and builds the sorted
 * {@link SparseMatrix}, combining repeated coordinates by {@link Repeats}.
 */
final class CooBuilder {
    /** What a coordinate listed twice means. */
    enum Repeats {
        /** Values add up, as scipy's COO→CSR conversion does. */
        SUM,
        /** The entry is simply present (0/1 adjacency): value 1. */
        COLLAPSE
    }

    private int[] rows = new int[16];
    private int[] cols = new int[16];
    private float[] values = new float[16];
    private int size;

    void add(int row, int col, float value) {
        if (size == rows.length) {
            int capacity = Math.toIntExact(Math.min(Integer.MAX_VALUE - 8L, size * 2L));
            rows = Arrays.copyOf(rows, capacity);
            cols = Arrays.copyOf(cols, capacity);
            values = Arrays.copyOf(values, capacity);
        }
        rows[size] = row;
        cols[size] = col;
        values[size++] = value;
    }

    int size() {
        return size;
    }

    SparseMatrix build(int rowCount, int colCount, Repeats repeats) {
        int[] starts = new int[rowCount + 1];
        for (int e = 0; e < size; e++) {
            starts[rows[e] + 1]++;
        }
        for (int r = 0; r < rowCount; r++) {
            starts[r + 1] += starts[r];
        }
        // per row, (column, original index) packed in one long sorts by column and keeps the entry's value reachable
        long[] packed = new long[size];
        int[] fill = Arrays.copyOf(starts, rowCount);
        for (int e = 0; e < size; e++) {
            packed[fill[rows[e]]++] = ((long) cols[e] << 32) | e;
        }
        int[] outRows = new int[size];
        int[] outCols = new int[size];
        float[] outValues = new float[size];
        int n = 0;
        for (int r = 0; r < rowCount; r++) {
            Arrays.sort(packed, starts[r], starts[r + 1]);
            for (int p = starts[r]; p < starts[r + 1]; p++) {
                int col = (int) (packed[p] >>> 32);
                float value = repeats == Repeats.COLLAPSE ? 1f : values[(int) packed[p]];
                if (n > 0 && outRows[n - 1] == r && outCols[n - 1] == col) {
                    if (repeats == Repeats.SUM) {
                        outValues[n - 1] += value;
                    }
                    continue;
                }
                outRows[n] = r;
                outCols[n] = col;
                outValues[n++] = value;
            }
        }
        return new SparseMatrix(rowCount, colCount, Arrays.copyOf(outRows, n), Arrays.copyOf(outCols, n),
                Arrays.copyOf(outValues, n));
    }
}
