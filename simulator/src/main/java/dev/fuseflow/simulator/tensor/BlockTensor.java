package dev.fuseflow.simulator.tensor;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A block-sparse matrix for true-block mode (BCSR when the block levels are dense then compressed): a
 * fibertree over block coordinates (the {@link #pattern()}) whose stored positions each own one b×b tile
 * of float32 values, row-major within the tile in logical (row, column) orientation whatever the mode
 * order (comal-timing-model.md §5: Comal reads block files row-major). Immutable once built.
 *
 * <p>The pattern's own values are 1 for every stored block and carry no data; the tiles are
 * {@code tiles()[p * b² .. (p + 1) * b²)} for pattern position {@code p}. A matrix whose sides are not
 * multiples of b is padded with zeros to whole blocks.
 */
public final class BlockTensor {
    private final String name;
    private final int[] shape;
    private final int blockSize;
    private final FiberTensor pattern;
    private final float[] tiles;

    private BlockTensor(String name, int[] shape, int blockSize, FiberTensor pattern, float[] tiles) {
        this.name = name;
        this.shape = shape.clone();
        this.blockSize = blockSize;
        this.pattern = pattern;
        this.tiles = tiles;
    }

    /**
     * A block tensor from its block pattern and tiles (as a writer produces them): the element shape is the
     * pattern's shape times b.
     */
    public static BlockTensor of(FiberTensor pattern, int blockSize, float[] tiles) {
        checkBlock(pattern.name(), pattern.rank(), blockSize);
        long expected = (long) pattern.storedCount() * blockSize * blockSize;
        if (tiles.length != expected) {
            throw new IllegalArgumentException("tensor " + pattern.name() + ": " + tiles.length + " tile values for "
                    + pattern.storedCount() + " blocks of " + blockSize + "x" + blockSize);
        }
        int[] shape = pattern.shape();
        for (int m = 0; m < shape.length; m++) {
            shape[m] = Math.multiplyExact(shape[m], blockSize);
        }
        return new BlockTensor(pattern.name(), shape, blockSize, pattern, tiles);
    }

    /**
     * Builds a block tensor from coordinate-list entries of a {@code shape[0] × shape[1]} matrix; duplicates
     * are summed. A block is stored (at a compressed level) when it holds at least one entry; {@code formats}
     * and {@code modeOrder} describe the block levels.
     */
    public static BlockTensor fromCoo(String name, int[] shape, List<LevelFormat> formats, int[] modeOrder,
            int[][] coords, float[] values, int blockSize) {
        checkBlock(name, shape.length, blockSize);
        int[] blocks = {ceilDiv(shape[0], blockSize), ceilDiv(shape[1], blockSize)};
        Map<Long, Integer> distinct = new HashMap<>();
        for (int[] c : coords) {
            if (c[0] < 0 || c[0] >= shape[0] || c[1] < 0 || c[1] >= shape[1]) {
                throw new IllegalArgumentException("tensor " + name + ": entry " + Arrays.toString(c)
                        + " lies outside its shape " + Arrays.toString(shape));
            }
            distinct.putIfAbsent((long) (c[0] / blockSize) * blocks[1] + c[1] / blockSize, distinct.size());
        }
        int[][] blockCoords = new int[distinct.size()][];
        for (Map.Entry<Long, Integer> e : distinct.entrySet()) {
            long key = e.getKey();
            blockCoords[e.getValue()] = new int[] {(int) (key / blocks[1]), (int) (key % blocks[1])};
        }
        float[] ones = new float[blockCoords.length];
        Arrays.fill(ones, 1f);
        FiberTensor pattern = FiberTensor.fromCoo(name, blocks, formats, modeOrder, blockCoords, ones);
        Map<Long, Integer> position = new HashMap<>();
        int[] next = {0};
        pattern.forEachStored((c, v) -> position.put((long) c[0] * blocks[1] + c[1], next[0]++));
        int area = blockSize * blockSize;
        float[] tiles = new float[Math.multiplyExact(pattern.storedCount(), area)];
        for (int e = 0; e < coords.length; e++) {
            int r = coords[e][0];
            int c = coords[e][1];
            int p = position.get((long) (r / blockSize) * blocks[1] + c / blockSize);
            tiles[p * area + (r % blockSize) * blockSize + c % blockSize] += values[e];
        }
        return new BlockTensor(name, shape, blockSize, pattern, tiles);
    }

    /**
     * Builds a block tensor from a dense row-major matrix; at compressed levels only blocks with a nonzero
     * entry are stored.
     */
    public static BlockTensor fromDense(String name, int[] shape, List<LevelFormat> formats, int[] modeOrder,
            float[] rowMajor, int blockSize) {
        checkBlock(name, shape.length, blockSize);
        if (rowMajor.length != (long) shape[0] * shape[1]) {
            throw new IllegalArgumentException("tensor " + name + ": " + rowMajor.length + " values for shape "
                    + Arrays.toString(shape));
        }
        int count = 0;
        for (float v : rowMajor) {
            count += v != 0f ? 1 : 0;
        }
        int[][] coords = new int[count][];
        float[] values = new float[count];
        int e = 0;
        for (int flat = 0; flat < rowMajor.length; flat++) {
            if (rowMajor[flat] != 0f) {
                coords[e] = new int[] {flat / shape[1], flat % shape[1]};
                values[e++] = rowMajor[flat];
            }
        }
        return fromCoo(name, shape, formats, modeOrder, coords, values, blockSize);
    }

    private static void checkBlock(String name, int rank, int blockSize) {
        if (rank != 2) {
            throw new IllegalArgumentException("tensor " + name + " has rank " + rank
                    + "; block tensors are matrices of b×b tiles (rank 2)");
        }
        if (blockSize < 1) {
            throw new IllegalArgumentException("tensor " + name + ": the block size must be positive, not " + blockSize);
        }
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    public String name() {
        return name;
    }

    /** The element shape (rows, columns). */
    public int[] shape() {
        return shape.clone();
    }

    public int blockSize() {
        return blockSize;
    }

    /** The fibertree over block coordinates; the simulator scans it as it scans a scalar tensor. */
    public FiberTensor pattern() {
        return pattern;
    }

    /** Stored blocks (tiles). */
    public int blockCount() {
        return pattern.storedCount();
    }

    /** The tiles, b² floats each, in pattern position order; shared, do not modify. */
    public float[] tiles() {
        return tiles;
    }

    /** The dense row-major matrix (unstored blocks and padding beyond the shape are dropped or 0). */
    public double[] toDense() {
        double[] dense = new double[Math.multiplyExact(shape[0], shape[1])];
        int area = blockSize * blockSize;
        int[] next = {0};
        pattern.forEachStored((c, v) -> {
            int base = next[0]++ * area;
            for (int i = 0; i < blockSize; i++) {
                int row = c[0] * blockSize + i;
                for (int j = 0; j < blockSize; j++) {
                    int column = c[1] * blockSize + j;
                    if (row < shape[0] && column < shape[1]) {
                        dense[row * shape[1] + column] += tiles[base + i * blockSize + j];
                    }
                }
            }
        });
        return dense;
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape) + " (" + blockSize + "x" + blockSize + " blocks, " + blockCount()
                + " stored)";
    }
}
