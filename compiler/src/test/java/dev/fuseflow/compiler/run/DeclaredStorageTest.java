package dev.fuseflow.compiler.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.fuseflow.compiler.ir.TensorDecl;
import dev.fuseflow.simulator.tensor.CompressedLevel;
import dev.fuseflow.simulator.tensor.FiberTensor;
import dev.fuseflow.simulator.tensor.LevelFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a group's written output becomes the tensor later groups read. */
class DeclaredStorageTest {
    private static final List<LevelFormat> CC = List.of(LevelFormat.COMPRESSED, LevelFormat.COMPRESSED);

    /** A 3x3 output as the writers leave it: rows 0 and 2 stored, row 1 present with {@code row1} entries. */
    private static FiberTensor written(int[] row1Crd) {
        int[] crd = new int[2 + row1Crd.length + 1];
        crd[0] = 0;
        crd[1] = 2;
        System.arraycopy(row1Crd, 0, crd, 2, row1Crd.length);
        crd[crd.length - 1] = 1;
        float[] values = new float[crd.length];
        java.util.Arrays.fill(values, 1f);
        return new FiberTensor("T", new int[] {3, 3}, new int[] {0, 1}, List.of(
                new CompressedLevel(new int[] {0, 3}, new int[] {0, 1, 2}),
                new CompressedLevel(new int[] {0, 2, 2 + row1Crd.length, crd.length}, crd)), values);
    }

    @Test
    void anOutputStoredAsDeclaredIsKeptAsItIs() {
        FiberTensor tensor = written(new int[] {1});
        assertSame(tensor, ProgramRunner.materialise(TensorDecl.of("T", List.of(3, 3), CC), tensor));
    }

    @Test
    void aCoordinateWithAnEmptyFiberIsDroppedAsTheReferenceDoes() {
        FiberTensor tensor = written(new int[0]);
        FiberTensor stored = ProgramRunner.materialise(TensorDecl.of("T", List.of(3, 3), CC), tensor);
        assertNotSame(tensor, stored);
        assertArrayEquals(new int[] {0, 2}, ((CompressedLevel) stored.level(0)).crd());
        assertEquals(3, stored.storedCount());
    }

    @Test
    void levelByLevelEqualsTheCoordinateBuildForEveryFormat() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        for (int trial = 0; trial < 300; trial++) {
            int rank = 1 + random.nextInt(3);
            int[] shape = new int[rank];
            for (int m = 0; m < rank; m++) {
                shape[m] = 1 + random.nextInt(4);
            }
            // as a writer leaves it: all compressed, with empty fibers and explicit zeros here and there
            List<LevelFormat> compressed = java.util.Collections.nCopies(rank, LevelFormat.COMPRESSED);
            FiberTensor written = withEmptyFibers(FiberTensor.fromDense("T", shape, compressed,
                    FiberTensor.identityOrder(rank), cells(shape, random)), random);
            List<LevelFormat> declared = new java.util.ArrayList<>();
            for (int m = 0; m < rank; m++) {
                declared.add(random.nextBoolean() ? LevelFormat.DENSE : LevelFormat.COMPRESSED);
            }
            TensorDecl decl = new TensorDecl("T", java.util.Arrays.stream(shape).boxed().toList(), declared,
                    java.util.stream.IntStream.range(0, rank).boxed().toList());
            StoredEntries entries = StoredEntries.of(written);
            FiberTensor expected = FiberTensor.fromCoo("T", shape, declared, FiberTensor.identityOrder(rank),
                    entries.coords(), entries.values());
            FiberTensor converted = ProgramRunner.materialise(decl, written);
            String where = "trial " + trial + " " + declared + " of " + written;
            assertEquals(describe(expected), describe(converted), where);
            assertArrayEquals(expected.values(), converted.values(), where);
        }
    }

    private static float[] cells(int[] shape, java.util.SplittableRandom random) {
        int n = java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        float[] cells = new float[n];
        for (int c = 0; c < n; c++) {
            cells[c] = random.nextInt(3) == 0 ? 1 + random.nextInt(9) : 0f;
        }
        return cells;
    }

    /** Adds, under random parents, coordinates whose fibers are empty (what a Spacc or a union may write). */
    private static FiberTensor withEmptyFibers(FiberTensor tensor, java.util.SplittableRandom random) {
        if (tensor.rank() < 2 || tensor.storedCount() == 0) {
            return tensor;
        }
        CompressedLevel top = (CompressedLevel) tensor.level(0);
        CompressedLevel next = (CompressedLevel) tensor.level(1);
        int size = tensor.shape()[0];
        List<Integer> crd = new java.util.ArrayList<>();
        List<Integer> childSeg = new java.util.ArrayList<>(List.of(0));
        for (int c = 0, q = 0; c < size; c++) {
            if (q < top.crd().length && top.crd()[q] == c) {
                crd.add(c);
                childSeg.add(next.seg()[q + 1]);
                q++;
            } else if (random.nextBoolean()) {
                crd.add(c); // present, with an empty fiber below
                childSeg.add(childSeg.get(childSeg.size() - 1));
            }
        }
        List<dev.fuseflow.simulator.tensor.Level> levels = new java.util.ArrayList<>(tensor.levels());
        levels.set(0, new CompressedLevel(new int[] {0, crd.size()}, crd.stream().mapToInt(Integer::intValue).toArray()));
        levels.set(1, new CompressedLevel(childSeg.stream().mapToInt(Integer::intValue).toArray(), next.crd()));
        return new FiberTensor(tensor.name(), tensor.shape(), tensor.modeOrder(), levels, tensor.values());
    }

    private static List<String> describe(FiberTensor tensor) {
        List<String> levels = new java.util.ArrayList<>();
        for (var level : tensor.levels()) {
            levels.add(level instanceof CompressedLevel c
                    ? "compressed " + java.util.Arrays.toString(c.seg()) + " " + java.util.Arrays.toString(c.crd())
                    : level.toString());
        }
        return levels;
    }

    @Test
    void anotherFormatIsRebuilt() {
        FiberTensor tensor = written(new int[] {1});
        FiberTensor stored = ProgramRunner.materialise(TensorDecl.of("T", List.of(3, 3),
                List.of(LevelFormat.DENSE, LevelFormat.COMPRESSED)), tensor);
        assertEquals(LevelFormat.DENSE, stored.level(0).format());
        assertEquals(4, stored.storedCount());
    }
}
