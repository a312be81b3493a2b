package dev.fuseflow.simulator.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuseflow.diagnostics.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Comal tensor-directory layout (sam-streams-and-primitives.md §2.4): round trips and broken files. */
class ComalTensorDirectoryTest {
    @TempDir
    Path dir;

    private static FiberTensor random(String name, int[] shape, List<LevelFormat> formats, int[] order, long seed) {
        Random random = new Random(seed);
        int size = 1;
        for (int d : shape) {
            size *= d;
        }
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = random.nextBoolean() ? 0f : (float) random.nextGaussian();
        }
        return FiberTensor.fromDense(name, shape, formats, order, values);
    }

    private static void assertSameTensor(FiberTensor expected, FiberTensor actual) {
        assertArrayEquals(expected.shape(), actual.shape());
        assertArrayEquals(expected.modeOrder(), actual.modeOrder());
        for (int k = 0; k < expected.rank(); k++) {
            assertEquals(expected.level(k).format(), actual.level(k).format(), "level " + k);
            if (expected.level(k) instanceof CompressedLevel e && actual.level(k) instanceof CompressedLevel a) {
                assertArrayEquals(e.seg(), a.seg(), "seg of level " + k);
                assertArrayEquals(e.crd(), a.crd(), "crd of level " + k);
            } else {
                assertEquals(expected.level(k), actual.level(k), "level " + k);
            }
        }
        assertArrayEquals(expected.toDense(), actual.toDense());
        assertArrayEquals(expected.values(), actual.values());
    }

    @Test
    void csrRoundTrips() throws IOException {
        FiberTensor a = random("t0-0,1", new int[] {7, 5}, List.of(LevelFormat.COMPRESSED, LevelFormat.COMPRESSED),
                new int[] {0, 1}, 1);
        ComalTensorDirectory.write(dir, a);
        assertTrue(Files.exists(dir.resolve("tensor_t0-0,1_mode_0_seg")));
        assertTrue(Files.exists(dir.resolve("tensor_t0-0,1_mode_1_crd")));
        assertEquals(List.of("7", "5"), Files.readAllLines(dir.resolve("tensor_t0-0,1_mode_shape")));
        assertSameTensor(a, ComalTensorDirectory.read(dir, "t0-0,1"));
    }

    @Test
    void denseOuterLevelStoresNothingAndShapeFollowsModeOrder() throws IOException {
        // Column-major storage: level 0 holds mode 1 (dense), level 1 holds mode 0 (compressed).
        FiberTensor b = random("B", new int[] {4, 6}, List.of(LevelFormat.DENSE, LevelFormat.COMPRESSED),
                new int[] {1, 0}, 2);
        ComalTensorDirectory.write(dir, b);
        assertFalse(Files.exists(dir.resolve("tensor_B_mode_1_seg")));
        assertTrue(Files.exists(dir.resolve("tensor_B_mode_0_seg")));
        assertEquals(List.of("6", "4"), Files.readAllLines(dir.resolve("tensor_B_mode_shape")));
        FiberTensor back = ComalTensorDirectory.read(dir, "B", new int[] {1, 0},
                List.of(LevelFormat.DENSE, LevelFormat.COMPRESSED));
        assertSameTensor(b, back);
    }

    @Test
    void allDenseIsTheUncompressedLayout() throws IOException {
        FiberTensor c = random("C", new int[] {3, 2, 4}, List.of(LevelFormat.DENSE, LevelFormat.DENSE,
                LevelFormat.DENSE), new int[] {0, 1, 2}, 3);
        ComalTensorDirectory.write(dir, c);
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "only vals and shape");
        }
        assertSameTensor(c, ComalTensorDirectory.read(dir, "C"));
    }

    @Test
    void missingFileIsNamedWithWhatItShouldHold() throws IOException {
        ComalTensorDirectory.write(dir, random("D", new int[] {5}, List.of(LevelFormat.COMPRESSED), new int[] {0}, 4));
        Files.delete(dir.resolve("tensor_D_mode_0_crd"));
        UserError error = assertThrows(UserError.class, () -> ComalTensorDirectory.read(dir, "D"));
        assertTrue(error.getMessage().contains("tensor_D_mode_0_crd is missing"), error.getMessage());
        assertTrue(error.getMessage().contains("coordinate array"), error.getMessage());
    }

    @Test
    void brokenLinesAreRejectedWhereComalWouldSkipThem() throws IOException {
        ComalTensorDirectory.write(dir, random("E", new int[] {6}, List.of(LevelFormat.COMPRESSED), new int[] {0}, 5));
        Path crd = dir.resolve("tensor_E_mode_0_crd");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(crd));
        lines.set(0, "1.0");
        Files.write(crd, lines);
        UserError error = assertThrows(UserError.class, () -> ComalTensorDirectory.read(dir, "E"));
        assertTrue(error.getMessage().contains("tensor_E_mode_0_crd:1:1"), error.getMessage());
        assertTrue(error.getMessage().contains("found '1.0'"), error.getMessage());
    }

    @Test
    void inconsistentFilesAreNamed() throws IOException {
        ComalTensorDirectory.write(dir, random("F", new int[] {6, 6}, List.of(LevelFormat.COMPRESSED,
                LevelFormat.COMPRESSED), new int[] {0, 1}, 6));
        Files.write(dir.resolve("tensor_F_mode_vals"), List.of("1.0"));
        UserError error = assertThrows(UserError.class, () -> ComalTensorDirectory.read(dir, "F"));
        assertTrue(error.getMessage().contains("tensor_F_mode_vals holds 1 values"), error.getMessage());
        Files.write(dir.resolve("tensor_F_mode_shape"), List.of("6"));
        error = assertThrows(UserError.class, () -> ComalTensorDirectory.read(dir, "F", new int[] {0, 1},
                List.of(LevelFormat.COMPRESSED, LevelFormat.COMPRESSED)));
        assertTrue(error.getMessage().contains("lists 1 dimensions"), error.getMessage());
    }
}
