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
class MaterialiseTest {
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
    void anotherFormatIsRebuilt() {
        FiberTensor tensor = written(new int[] {1});
        FiberTensor stored = ProgramRunner.materialise(TensorDecl.of("T", List.of(3, 3),
                List.of(LevelFormat.DENSE, LevelFormat.COMPRESSED)), tensor);
        assertEquals(LevelFormat.DENSE, stored.level(0).format());
        assertEquals(4, stored.storedCount());
    }
}
