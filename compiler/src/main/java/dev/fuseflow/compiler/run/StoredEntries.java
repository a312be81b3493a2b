package dev.fuseflow.compiler.run;

import dev.fuseflow.simulator.tensor.FiberTensor;
import java.util.Arrays;

/**
 * A tensor's stored entries as coordinate lists and values, in storage order, without boxing: the way into
 * {@code fromCoo} when a tensor changes its mode order ({@link DeclaredStorage}) or is cut into blocks
 * ({@link BlockProgramRunner}). It costs an array per entry, so layouts that can be converted level by level
 * avoid it.
 */
record StoredEntries(int[][] coords, float[] values) {
    static StoredEntries of(FiberTensor tensor) {
        int n = tensor.storedCount();
        int[][] coords = new int[n][];
        float[] values = new float[n];
        int[] next = {0};
        tensor.forEachStored((c, v) -> {
            coords[next[0]] = c.clone();
            values[next[0]++] = v;
        });
        return next[0] == n ? new StoredEntries(coords, values)
                : new StoredEntries(Arrays.copyOf(coords, next[0]), Arrays.copyOf(values, next[0]));
    }
}
