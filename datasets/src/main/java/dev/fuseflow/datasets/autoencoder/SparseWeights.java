package dev.fuseflow.datasets.autoencoder;

import dev.fuseflow.datasets.SparseMatrix;
import java.util.SplittableRandom;

/**
 * Random sparse weights the way {@code scipy.sparse.random(m, n, density) * scale} makes them: exactly
 * {@code round(density·m·n)} entries at uniformly random distinct positions, values uniform in
 * {@code [0, scale)}. Positions come from selection sampling (Knuth's algorithm S), which visits the cells in
 * row-major order and so yields them already sorted, using no memory beyond the result.
 */
public final class SparseWeights {
    private SparseWeights() {
    }

    public static long entryCount(int rows, int cols, double density) {
        return Math.round(density * rows * (double) cols);
    }

    public static SparseMatrix generate(int rows, int cols, double density, float scale, SplittableRandom random) {
        long cells = (long) rows * cols;
        long wanted = entryCount(rows, cols, density);
        if (wanted > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(rows + "x" + cols + " at density " + density + " has too many entries");
        }
        int n = (int) wanted;
        int[] r = new int[n];
        int[] c = new int[n];
        float[] v = new float[n];
        int chosen = 0;
        int row = 0;
        int col = 0;
        for (long cell = 0; cell < cells && chosen < n; cell++) {
            if (random.nextDouble() * (cells - cell) < n - chosen) {
                r[chosen] = row;
                c[chosen] = col;
                v[chosen] = (float) (random.nextDouble() * scale);
                chosen++;
            }
            if (++col == cols) {
                col = 0;
                row++;
            }
        }
        return new SparseMatrix(rows, cols, r, c, v);
    }
}
