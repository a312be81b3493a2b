package dev.fuseflow.datasets.bigbird;

import dev.fuseflow.datasets.SparseMatrix;
import java.util.Arrays;

/**
 * The BigBird attention mask of the paper's GPT-3 runs, by the artifact's recipe
 * ({@code multihead_attention.get_mask}; paper-results.md §2.1): on a grid of b×b blocks, block row i keeps
 * <ul>
 *   <li>2 random blocks, {@code np.random.choice(blocks, 2, replace=False)} after {@code np.random.seed(seed)},
 *       drawn row by row;</li>
 *   <li>its diagonal block and the blocks at ±1 beside it;</li>
 *   <li>every block in the first 2 block rows and the first 2 block columns (global tokens).</li>
 * </ul>
 * Mask values are 1. With seed 0 at sequence 1024 this keeps 549, 268 and 118 blocks for b = 16, 32, 64.
 */
public final class BigBirdMask {
    public static final int RANDOM_BLOCKS = 2;
    public static final int GLOBAL_BLOCKS = 2;

    private BigBirdMask() {
    }

    /** The kept blocks as a blocks×blocks grid. */
    public static boolean[][] blockGrid(int blocks, long seed) {
        NumpyLegacyRandom random = new NumpyLegacyRandom(seed);
        boolean[][] kept = new boolean[blocks][blocks];
        for (int i = 0; i < blocks; i++) {
            for (int j = Math.max(0, i - 1); j <= Math.min(blocks - 1, i + 1); j++) {
                kept[i][j] = true;
            }
            if (blocks >= RANDOM_BLOCKS) {
                for (int j : random.choiceWithoutReplacement(blocks, RANDOM_BLOCKS)) {
                    kept[i][j] = true;
                }
            }
            for (int g = 0; g < Math.min(GLOBAL_BLOCKS, blocks); g++) {
                kept[i][g] = true;
                kept[g][i] = true;
            }
        }
        return kept;
    }

    public static int keptBlocks(boolean[][] grid) {
        int count = 0;
        for (boolean[] row : grid) {
            for (boolean kept : row) {
                count += kept ? 1 : 0;
            }
        }
        return count;
    }

    /** The kept blocks as a blocks×blocks matrix of ones (one entry per b×b block), sorted by row then column. */
    public static SparseMatrix blockMask(int blocks, long seed) {
        return mask(blocks, 1, seed);
    }

    /** The element-level seq×seq mask ({@code seq = blocks·block}), sorted by row then column. */
    public static SparseMatrix mask(int blocks, int block, long seed) {
        boolean[][] grid = blockGrid(blocks, seed);
        int seq = Math.multiplyExact(blocks, block);
        long entries = (long) keptBlocks(grid) * block * block;
        if (entries > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a " + seq + "x" + seq + " mask with " + entries + " entries is too large");
        }
        int[] rows = new int[(int) entries];
        int[] cols = new int[(int) entries];
        int e = 0;
        for (int r = 0; r < seq; r++) {
            boolean[] blockRow = grid[r / block];
            for (int bc = 0; bc < blocks; bc++) {
                if (blockRow[bc]) {
                    for (int c = bc * block; c < (bc + 1) * block; c++) {
                        rows[e] = r;
                        cols[e++] = c;
                    }
                }
            }
        }
        float[] values = new float[rows.length];
        Arrays.fill(values, 1f);
        return new SparseMatrix(seq, seq, rows, cols, values);
    }
}
