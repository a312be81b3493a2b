package dev.fuseflow.compiler.reference;

/**
 * A tensor as the reference evaluator sees it: dense row-major double values, the mask of stored entries,
 * and per entry the sum of absolute values of the terms that produced it (the {@code S} of the error
 * bound in ARCHITECTURE.md §3.0).
 */
public record ReferenceTensor(String name, int[] shape, double[] values, boolean[] stored, double[] magnitude) {

    public int size() {
        return values.length;
    }

    public long storedCount() {
        long n = 0;
        for (boolean s : stored) {
            n += s ? 1 : 0;
        }
        return n;
    }
}
