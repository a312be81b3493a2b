package dev.fuseflow.datasets;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Independent random streams derived from one user seed, one per purpose ({@code "topology"},
 * {@code "features"}, ...), so that changing how one part is drawn never shifts another part's numbers.
 */
public final class Seeds {
    private Seeds() {
    }

    public static SplittableRandom stream(long seed, String purpose) {
        long mixed = seed * 0x9E3779B97F4A7C15L;
        for (byte b : purpose.getBytes(StandardCharsets.UTF_8)) {
            mixed = (mixed ^ b) * 0xBF58476D1CE4E5B9L;
            mixed ^= mixed >>> 31;
        }
        return new SplittableRandom(mixed);
    }

    /** A dense rows×cols matrix with values uniform in [-1, 1). */
    public static DenseMatrix uniformDense(int rows, int cols, SplittableRandom random) {
        float[] values = new float[Math.multiplyExact(rows, cols)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return new DenseMatrix(rows, cols, values);
    }

    /** A dense rows×cols matrix with values drawn from N(0, sigma²), as numpy's {@code randn * sigma}. */
    public static DenseMatrix gaussianDense(int rows, int cols, double sigma, SplittableRandom random) {
        float[] values = new float[Math.multiplyExact(rows, cols)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * sigma);
        }
        return new DenseMatrix(rows, cols, values);
    }
}
