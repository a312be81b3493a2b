package dev.fuseflow.datasets;

/** A dense matrix of float32 values in row-major order. */
public record DenseMatrix(int rowCount, int colCount, float[] values) implements DataPart {
    public DenseMatrix {
        if ((long) rowCount * colCount != values.length) {
            throw new IllegalArgumentException(rowCount + "x" + colCount + " needs " + (long) rowCount * colCount + " values");
        }
    }

    @Override
    public long storedCount() {
        return values.length;
    }

    @Override
    public long bytes() {
        return 4L * values.length;
    }

    public float get(int row, int col) {
        return values[row * colCount + col];
    }
}
