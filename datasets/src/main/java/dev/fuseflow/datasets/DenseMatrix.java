package dev.fuseflow.datasets;

/** A dense matrix of float32 values in row-major order. */
public record DenseMatrix(int rowCount, int colCount, float[] values) {
    public DenseMatrix {
        if ((long) rowCount * colCount != values.length) {
            throw new IllegalArgumentException(rowCount + "x" + colCount + " needs " + (long) rowCount * colCount + " values");
        }
    }
}
