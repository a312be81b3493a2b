package dev.fuseflow.datasets;

/** A sparse matrix as coordinate lists (entry e is {@code (rows[e], cols[e]) = values[e]}), sorted by row then column. */
public record SparseMatrix(int rowCount, int colCount, int[] rows, int[] cols, float[] values) implements DataPart {
    public SparseMatrix {
        if (rows.length != cols.length || rows.length != values.length) {
            throw new IllegalArgumentException("coordinate lists differ in length");
        }
    }

    public int nnz() {
        return rows.length;
    }

    @Override
    public long storedCount() {
        return rows.length;
    }

    @Override
    public long bytes() {
        return 12L * rows.length;
    }

    /** Stored entries divided by cells. */
    public double density() {
        return rows.length / ((double) rowCount * colCount);
    }

    /** The entries as {@code [row, col]} pairs. */
    public int[][] coordinates() {
        int[][] out = new int[rows.length][];
        for (int e = 0; e < rows.length; e++) {
            out[e] = new int[] {rows[e], cols[e]};
        }
        return out;
    }

    /** The row offsets of a CSR view: row r's entries are {@code rowStart[r] .. rowStart[r+1]-1}. */
    public int[] rowStarts() {
        int[] starts = new int[rowCount + 1];
        for (int r : rows) {
            starts[r + 1]++;
        }
        for (int r = 0; r < rowCount; r++) {
            starts[r + 1] += starts[r];
        }
        return starts;
    }
}
