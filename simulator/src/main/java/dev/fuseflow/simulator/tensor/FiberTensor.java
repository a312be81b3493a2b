package dev.fuseflow.simulator.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A tensor stored as a fibertree: one {@link Level} per mode in storage ({@code modeOrder}) order and the
 * float32 values of the last level (sam-streams-and-primitives.md §2). Immutable once built.
 *
 * <p>{@code shape} is indexed by logical mode; level {@code k} stores mode {@code modeOrder[k]}.
 */
public final class FiberTensor {
    private final String name;
    private final int[] shape;
    private final int[] modeOrder;
    private final List<Level> levels;
    private final float[] values;

    public FiberTensor(String name, int[] shape, int[] modeOrder, List<Level> levels, float[] values) {
        if (shape.length != modeOrder.length || levels.size() != shape.length) {
            throw new IllegalArgumentException("tensor " + name + ": rank " + shape.length + " needs as many levels and modes");
        }
        this.name = name;
        this.shape = shape.clone();
        this.modeOrder = modeOrder.clone();
        this.levels = List.copyOf(levels);
        this.values = values;
        int expected = levels.isEmpty() ? 1 : levels.get(levels.size() - 1).positions();
        if (values.length != expected) {
            throw new IllegalArgumentException("tensor " + name + ": " + values.length + " values for " + expected
                    + " positions of its last level");
        }
    }

    /** The identity mode order {@code 0, 1, ..., rank-1}. */
    public static int[] identityOrder(int rank) {
        int[] order = new int[rank];
        for (int i = 0; i < rank; i++) {
            order[i] = i;
        }
        return order;
    }

    /**
     * Builds a tensor from coordinate-list entries ({@code coords[e]} is entry e's logical coordinates);
     * duplicate coordinates are summed. {@code formats} is per level (storage order).
     */
    /**
     * The entries' indices sorted by their coordinates in storage order (stable, so duplicates keep their
     * order). Entries that already come sorted, as they do when copied from another tensor in the same
     * mode order, are not sorted again; otherwise a merge sort on primitive indices (no boxing: tensors of
     * tens of millions of entries are copied this way between fused groups).
     */
    static int[] storageOrder(int[][] coords, int[] modeOrder) {
        int n = coords.length;
        int[] order = new int[n];
        boolean sorted = true;
        for (int e = 0; e < n; e++) {
            order[e] = e;
            if (sorted && e > 0 && compare(coords[e - 1], coords[e], modeOrder) > 0) {
                sorted = false;
            }
        }
        if (!sorted) {
            mergeSort(order, new int[n], 0, n, coords, modeOrder);
        }
        return order;
    }

    private static int compare(int[] a, int[] b, int[] modeOrder) {
        for (int mode : modeOrder) {
            int c = Integer.compare(a[mode], b[mode]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static void mergeSort(int[] order, int[] scratch, int from, int to, int[][] coords, int[] modeOrder) {
        if (to - from < 2) {
            return;
        }
        int middle = (from + to) >>> 1;
        mergeSort(order, scratch, from, middle, coords, modeOrder);
        mergeSort(order, scratch, middle, to, coords, modeOrder);
        if (compare(coords[order[middle - 1]], coords[order[middle]], modeOrder) <= 0) {
            return;
        }
        System.arraycopy(order, from, scratch, from, to - from);
        int left = from;
        int right = middle;
        for (int k = from; k < to; k++) {
            if (right >= to || left < middle && compare(coords[scratch[left]], coords[scratch[right]], modeOrder) <= 0) {
                order[k] = scratch[left++];
            } else {
                order[k] = scratch[right++];
            }
        }
    }

    public static FiberTensor fromCoo(String name, int[] shape, List<LevelFormat> formats, int[] modeOrder,
            int[][] coords, float[] entryValues) {
        int rank = shape.length;
        if (formats.size() != rank || modeOrder.length != rank) {
            throw new IllegalArgumentException("tensor " + name + ": " + formats.size() + " formats and "
                    + modeOrder.length + " modes for rank " + rank);
        }
        int n = coords.length;
        for (int e = 0; e < n; e++) {
            for (int m = 0; m < rank; m++) {
                if (coords[e][m] < 0 || coords[e][m] >= shape[m]) {
                    throw new IllegalArgumentException("tensor " + name + ": coordinate " + coords[e][m]
                            + " out of range 0.." + (shape[m] - 1) + " in mode " + m);
                }
            }
        }
        int[] order = storageOrder(coords, modeOrder);
        long[] parent = new long[n];
        long parentPositions = 1;
        List<Level> levels = new ArrayList<>();
        for (int k = 0; k < rank; k++) {
            int mode = modeOrder[k];
            long[] position = new long[n];
            if (formats.get(k) == LevelFormat.DENSE) {
                for (int s = 0; s < n; s++) {
                    int e = order[s];
                    position[s] = parent[s] * shape[mode] + coords[e][mode];
                }
                levels.add(new DenseLevel(shape[mode], Math.toIntExact(parentPositions)));
                parentPositions = Math.multiplyExact(parentPositions, shape[mode]);
            } else {
                int[] seg = new int[Math.toIntExact(parentPositions) + 1];
                int[] crd = new int[n];
                int count = 0;
                for (int s = 0; s < n; s++) {
                    int e = order[s];
                    boolean same = s > 0 && parent[s] == parent[s - 1] && coords[e][mode] == coords[order[s - 1]][mode];
                    if (!same) {
                        crd[count++] = coords[e][mode];
                        seg[(int) parent[s] + 1]++;
                    }
                    position[s] = count - 1;
                }
                for (int p = 0; p < parentPositions; p++) {
                    seg[p + 1] += seg[p];
                }
                levels.add(new CompressedLevel(seg, Arrays.copyOf(crd, count)));
                parentPositions = count;
            }
            parent = position;
        }
        float[] values = new float[Math.toIntExact(parentPositions)];
        for (int s = 0; s < n; s++) {
            values[(int) parent[s]] += entryValues[order[s]];
        }
        return new FiberTensor(name, shape, modeOrder, levels, values);
    }

    /** Builds a tensor from a dense row-major array; compressed levels keep only the nonzero entries. */
    public static FiberTensor fromDense(String name, int[] shape, List<LevelFormat> formats, int[] modeOrder,
            float[] rowMajor) {
        int rank = shape.length;
        if (formats.size() == rank && modeOrder.length == rank
                && formats.stream().allMatch(f -> f == LevelFormat.DENSE)) {
            return allDense(name, shape, modeOrder, rowMajor);
        }
        int stored = 0;
        for (float value : rowMajor) {
            if (value != 0f) {
                stored++;
            }
        }
        int[][] coords = new int[stored][];
        float[] v = new float[stored];
        int next = 0;
        for (int flat = 0; flat < rowMajor.length; flat++) {
            if (rowMajor[flat] == 0f) {
                continue;
            }
            int[] index = new int[rank];
            int rest = flat;
            for (int m = rank - 1; m >= 0; m--) {
                index[m] = rest % shape[m];
                rest /= shape[m];
            }
            coords[next] = index;
            v[next++] = rowMajor[flat];
        }
        return fromCoo(name, shape, formats, modeOrder, coords, v);
    }

    /**
     * A tensor whose levels are all dense: its values are the cells in storage order, so they are copied
     * straight from the row-major array (going through coordinates would cost tens of bytes per cell, gigabytes
     * for a large feature matrix).
     */
    private static FiberTensor allDense(String name, int[] shape, int[] modeOrder, float[] rowMajor) {
        int rank = shape.length;
        long cells = 1;
        List<Level> levels = new ArrayList<>();
        for (int k = 0; k < rank; k++) {
            levels.add(new DenseLevel(shape[modeOrder[k]], Math.toIntExact(cells)));
            cells = Math.multiplyExact(cells, shape[modeOrder[k]]);
        }
        if (cells != rowMajor.length) {
            throw new IllegalArgumentException("tensor " + name + ": " + rowMajor.length + " values for "
                    + Arrays.toString(shape) + " (" + cells + " cells)");
        }
        long[] rowMajorStride = new long[rank];
        long stride = 1;
        for (int m = rank - 1; m >= 0; m--) {
            rowMajorStride[m] = stride;
            stride *= shape[m];
        }
        float[] values = new float[rowMajor.length];
        int[] index = new int[rank];
        long flat = 0;
        for (int position = 0; position < values.length; position++) {
            values[position] = rowMajor[(int) flat];
            // advance the storage-order odometer: the last level fastest
            for (int k = rank - 1; k >= 0; k--) {
                int mode = modeOrder[k];
                if (++index[k] < shape[mode]) {
                    flat += rowMajorStride[mode];
                    break;
                }
                index[k] = 0;
                flat -= (long) (shape[mode] - 1) * rowMajorStride[mode];
            }
        }
        return new FiberTensor(name, shape, modeOrder, levels, values);
    }

    public String name() {
        return name;
    }

    public int rank() {
        return shape.length;
    }

    public int[] shape() {
        return shape.clone();
    }

    public int dim(int mode) {
        return shape[mode];
    }

    public int[] modeOrder() {
        return modeOrder.clone();
    }

    public List<Level> levels() {
        return levels;
    }

    public Level level(int depth) {
        return levels.get(depth);
    }

    /** The values of the last level, in level order; the array is shared, do not modify. */
    public float[] values() {
        return values;
    }

    /** Stored entries (positions of the last level). */
    public int storedCount() {
        return values.length;
    }

    /** Receives one stored entry: its logical coordinates (reused array) and value. */
    @FunctionalInterface
    public interface EntryVisitor {
        void visit(int[] coordinates, float value);
    }

    /** Visits every stored entry in storage order. */
    public void forEachStored(EntryVisitor visitor) {
        if (rank() == 0) {
            visitor.visit(new int[0], values[0]);
            return;
        }
        walk(0, 0, new int[rank()], visitor);
    }

    private void walk(int depth, int parent, int[] coordinates, EntryVisitor visitor) {
        Level level = levels.get(depth);
        int mode = modeOrder[depth];
        if (level instanceof DenseLevel dense) {
            for (int c = 0; c < dense.size(); c++) {
                coordinates[mode] = c;
                int position = parent * dense.size() + c;
                descend(depth, position, coordinates, visitor);
            }
        } else {
            CompressedLevel compressed = (CompressedLevel) level;
            for (int p = compressed.seg()[parent]; p < compressed.seg()[parent + 1]; p++) {
                coordinates[mode] = compressed.crd()[p];
                descend(depth, p, coordinates, visitor);
            }
        }
    }

    private void descend(int depth, int position, int[] coordinates, EntryVisitor visitor) {
        if (depth == rank() - 1) {
            visitor.visit(coordinates, values[position]);
        } else {
            walk(depth + 1, position, coordinates, visitor);
        }
    }

    /** Row-major flat index of logical coordinates. */
    public long flatIndex(int[] coordinates) {
        long flat = 0;
        for (int m = 0; m < shape.length; m++) {
            flat = flat * shape[m] + coordinates[m];
        }
        return flat;
    }

    /** The dense row-major values (unstored entries are 0). */
    public double[] toDense() {
        double[] dense = new double[Math.toIntExact(denseSize())];
        forEachStored((c, v) -> dense[(int) flatIndex(c)] += v);
        return dense;
    }

    /** The row-major mask of stored entries. */
    public boolean[] storedMask() {
        boolean[] mask = new boolean[Math.toIntExact(denseSize())];
        forEachStored((c, v) -> mask[(int) flatIndex(c)] = true);
        return mask;
    }

    public long denseSize() {
        long size = 1;
        for (int d : shape) {
            size = Math.multiplyExact(size, d);
        }
        return size;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(name).append(Arrays.toString(shape)).append(" (");
        for (int k = 0; k < levels.size(); k++) {
            text.append(k == 0 ? "" : ", ").append(levels.get(k).format().word());
        }
        return text.append("; ").append(values.length).append(" stored)").toString();
    }
}
