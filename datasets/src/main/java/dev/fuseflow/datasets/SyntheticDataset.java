package dev.fuseflow.datasets;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * {@code synthetic:rows=R,cols=C,density=P,features=F,seed=S}: an R×C sparse matrix with exactly
 * {@code round(P·R·C)} entries at uniformly random distinct positions, values uniform in [-1, 1), and a
 * dense C×F feature matrix with values uniform in [-1, 1). Deterministic for a seed; float32 from the
 * start, so the simulator and the reference read identical data.
 */
public final class SyntheticDataset implements Dataset {
    private final String spec;
    private final SparseMatrix matrix;
    private final DenseMatrix features;

    SyntheticDataset(String spec, int rows, int cols, double density, int featureCount, long seed) {
        this.spec = spec;
        this.matrix = randomSparse(rows, cols, density, new SplittableRandom(seed));
        this.features = randomDense(cols, featureCount, new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L));
    }

    static SparseMatrix randomSparse(int rows, int cols, double density, SplittableRandom random) {
        long cells = (long) rows * cols;
        long nnz = Math.round(density * cells);
        if (nnz > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many entries: " + nnz);
        }
        long[] positions;
        if (nnz * 3 > cells) {
            positions = new long[(int) nnz];
            long chosen = 0;
            for (long cell = 0; cell < cells && chosen < nnz; cell++) {
                // selection sampling (Knuth's algorithm S): exact count, sorted output
                if (random.nextDouble() * (cells - cell) < nnz - chosen) {
                    positions[(int) chosen++] = cell;
                }
            }
        } else {
            Set<Long> picked = new HashSet<>();
            while (picked.size() < nnz) {
                picked.add(random.nextLong(cells));
            }
            positions = picked.stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(positions);
        }
        int[] r = new int[positions.length];
        int[] c = new int[positions.length];
        float[] v = new float[positions.length];
        for (int e = 0; e < positions.length; e++) {
            r[e] = (int) (positions[e] / cols);
            c[e] = (int) (positions[e] % cols);
            v[e] = (float) (random.nextDouble() * 2 - 1);
        }
        return new SparseMatrix(rows, cols, r, c, v);
    }

    static DenseMatrix randomDense(int rows, int cols, SplittableRandom random) {
        float[] v = new float[Math.multiplyExact(rows, cols)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return new DenseMatrix(rows, cols, v);
    }

    @Override
    public String spec() {
        return spec;
    }

    @Override
    public String summary() {
        return "synthetic " + matrix.rowCount() + "x" + matrix.colCount() + " matrix with " + matrix.nnz()
                + " entries, " + features.rowCount() + "x" + features.colCount() + " dense features";
    }

    @Override
    public Optional<SparseMatrix> matrix() {
        return Optional.of(matrix);
    }

    @Override
    public Optional<DenseMatrix> features() {
        return Optional.of(features);
    }
}
