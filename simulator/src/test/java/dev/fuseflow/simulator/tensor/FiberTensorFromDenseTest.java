package dev.fuseflow.simulator.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@code fromDense} builds the same tensor as {@code fromCoo} over every cell, for any formats and mode order. */
class FiberTensorFromDenseTest {

    @Test
    void everyFormatAndModeOrderMatchesTheCoordinateBuild() {
        SplittableRandom random = new SplittableRandom(3);
        for (int trial = 0; trial < 200; trial++) {
            int rank = 1 + random.nextInt(3);
            int[] shape = new int[rank];
            int cells = 1;
            for (int m = 0; m < rank; m++) {
                shape[m] = 1 + random.nextInt(5);
                cells *= shape[m];
            }
            float[] rowMajor = new float[cells];
            for (int c = 0; c < cells; c++) {
                rowMajor[c] = random.nextInt(3) == 0 ? 1 + random.nextInt(9) : 0f;
            }
            List<Integer> order = new ArrayList<>();
            for (int m = 0; m < rank; m++) {
                order.add(m);
            }
            Collections.shuffle(order, new java.util.Random(trial));
            int[] modeOrder = order.stream().mapToInt(Integer::intValue).toArray();
            List<LevelFormat> formats = new ArrayList<>();
            for (int m = 0; m < rank; m++) {
                formats.add(trial % 2 == 0 || random.nextBoolean() ? LevelFormat.DENSE : LevelFormat.COMPRESSED);
            }
            FiberTensor built = FiberTensor.fromDense("T", shape, formats, modeOrder, rowMajor);
            FiberTensor expected = FiberTensor.fromCoo("T", shape, formats, modeOrder, coordinates(shape, rowMajor,
                    formats.stream().allMatch(f -> f == LevelFormat.DENSE)), values(rowMajor,
                    formats.stream().allMatch(f -> f == LevelFormat.DENSE)));
            assertArrayEquals(expected.values(), built.values(), "values of trial " + trial);
            assertEquals(expected.levels().stream().map(FiberTensorFromDenseTest::comparable).toList(),
                    built.levels().stream().map(FiberTensorFromDenseTest::comparable).toList(), "levels of trial " + trial);
            assertArrayEquals(expected.toDense(), built.toDense(), 0.0);
        }
    }

    @Test
    void aWrongNumberOfValuesIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> FiberTensor.fromDense("T", new int[] {2, 3},
                List.of(LevelFormat.DENSE, LevelFormat.DENSE), new int[] {0, 1}, new float[5]));
    }

    /** Records with arrays compare by identity; this compares by content. */
    private static Object comparable(Level level) {
        return level instanceof CompressedLevel c
                ? List.of(java.util.Arrays.toString(c.seg()), java.util.Arrays.toString(c.crd())) : level;
    }

    private static int[][] coordinates(int[] shape, float[] rowMajor, boolean everyCell) {
        List<int[]> coords = new ArrayList<>();
        for (int flat = 0; flat < rowMajor.length; flat++) {
            if (everyCell || rowMajor[flat] != 0f) {
                int[] index = new int[shape.length];
                int rest = flat;
                for (int m = shape.length - 1; m >= 0; m--) {
                    index[m] = rest % shape[m];
                    rest /= shape[m];
                }
                coords.add(index);
            }
        }
        return coords.toArray(int[][]::new);
    }

    private static float[] values(float[] rowMajor, boolean everyCell) {
        int n = 0;
        float[] out = new float[rowMajor.length];
        for (float v : rowMajor) {
            if (everyCell || v != 0f) {
                out[n++] = v;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
