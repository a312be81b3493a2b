package dev.fuseflow.datasets;

/** A sparse matrix as coordinate lists (entry e is {@code (rows[e], cols[e]) = values[e]}), sorted by row then column. */
public record SparseMatrix(int rowCount, int colCount, int[] rows, int[] cols, float[] values) {
    public SparseMatrix {
        if (rows.length != cols.length || rows.length != values.length) {
            throw new IllegalArgumentException("coordinate lists differ in length");
        }
    }

    public int nnz() {
        return rows.length;
    }

    /** The entries as {@code [row, col]} pairs. */
    public int[][] coordinates() {
        int[][] out = new int[rows.length][];
        for (int e = 0; e < rows.length; e++) {
            out[e] = new int[] {rows[e], cols[e]};
        }
        return out;
    }
}
