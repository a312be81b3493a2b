package dev.fuseflow.compiler.zoo;

import dev.fuseflow.compiler.ir.TensorDecl;
import dev.fuseflow.simulator.tensor.FiberTensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * BigBird-shaped block masks for compiler tests (the datasets module, which draws the artifact's mask bit for
 * bit, is not a dependency of the compiler): per block row the diagonal block and its ±1 neighbours, the first
 * two block rows and columns, and one seeded random block; values 1.
 */
final class BlockMasks {
    private BlockMasks() {
    }

    static FiberTensor mask(TensorDecl decl, int block, long seed) {
        int seq = decl.shape().get(0);
        int blocks = seq / block;
        SplittableRandom random = new SplittableRandom(seed);
        boolean[][] kept = new boolean[blocks][blocks];
        for (int r = 0; r < blocks; r++) {
            for (int c = 0; c < blocks; c++) {
                kept[r][c] = Math.abs(r - c) <= 1 || r < 2 || c < 2;
            }
            kept[r][random.nextInt(blocks)] = true;
        }
        List<int[]> coords = new ArrayList<>();
        for (int i = 0; i < seq; i++) {
            for (int j = 0; j < seq; j++) {
                if (kept[i / block][j / block]) {
                    coords.add(new int[] {i, j});
                }
            }
        }
        float[] ones = new float[coords.size()];
        java.util.Arrays.fill(ones, 1f);
        return FiberTensor.fromCoo(decl.name(), decl.shapeArray(), decl.formats(), decl.modeOrderArray(),
                coords.toArray(int[][]::new), ones);
    }
}
