package dev.fuseflow.datasets.bigbird;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuseflow.datasets.SparseMatrix;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class BigBirdMaskTest {

    @Test
    void numpyLegacyDrawsAreReproduced() {
        // np.random.seed(0); np.random.choice(n, 2, replace=False) for n = 64, 32, 16, 64, 5 in turn
        NumpyLegacyRandom random = new NumpyLegacyRandom(0);
        assertArrayEquals(new int[] {45, 29}, random.choiceWithoutReplacement(64, 2));
        assertArrayEquals(new int[] {25, 2}, random.choiceWithoutReplacement(32, 2));
        assertArrayEquals(new int[] {2, 15}, random.choiceWithoutReplacement(16, 2));
        assertArrayEquals(new int[] {33, 61}, random.choiceWithoutReplacement(64, 2));
        assertArrayEquals(new int[] {2, 4}, random.choiceWithoutReplacement(5, 2));
        // the first output of MT19937 seeded with 5489 (the reference implementation's default seed)
        assertEquals(3499211612L, new NumpyLegacyRandom(5489).nextUint32());
    }

    @ParameterizedTest(name = "block {0}")
    @CsvSource({"16, 549, 4096, 13.4", "32, 268, 1024, 26.2", "64, 118, 256, 46.1"})
    void paperDensitiesAtSequence1024(int block, int kept, int total, double percent) {
        int blocks = 1024 / block;
        boolean[][] grid = BigBirdMask.blockGrid(blocks, 0);
        assertEquals(kept, BigBirdMask.keptBlocks(grid));
        SparseMatrix mask = BigBirdMask.mask(blocks, block, 0);
        assertEquals((long) kept * block * block, mask.nnz());
        assertEquals(percent, Math.round(mask.density() * 1000) / 10.0);
        SparseMatrix blockMask = BigBirdMask.blockMask(blocks, 0);
        assertEquals(blocks, blockMask.rowCount());
        assertEquals(kept, blockMask.nnz());
        assertEquals(percent, Math.round(blockMask.density() * 1000) / 10.0);
        for (int e = 0; e < blockMask.nnz(); e++) {
            assertTrue(grid[blockMask.rows()[e]][blockMask.cols()[e]]);
        }
        for (int b = 0; b < blocks; b++) {
            assertTrue(grid[0][b] && grid[1][b] && grid[b][0] && grid[b][1], "global rows and columns");
            assertTrue(grid[b][b], "diagonal");
            if (b > 0) {
                assertTrue(grid[b][b - 1] && grid[b - 1][b], "band");
            }
        }
    }

    @Test
    void elementMaskFollowsTheBlockGrid() {
        SparseMatrix mask = BigBirdMask.mask(8, 4, 3);
        boolean[][] grid = BigBirdMask.blockGrid(8, 3);
        int[] starts = mask.rowStarts();
        for (int r = 0; r < 32; r++) {
            for (int p = starts[r]; p < starts[r + 1]; p++) {
                assertTrue(grid[r / 4][mask.cols()[p] / 4]);
                assertTrue(p == starts[r] || mask.cols()[p] > mask.cols()[p - 1]);
            }
        }
        assertEquals(BigBirdMask.keptBlocks(grid) * 16, mask.nnz());
    }
}
