package dev.fuseflow.datasets.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuseflow.datasets.SparseMatrix;
import dev.fuseflow.diagnostics.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComalDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void roundTrip() {
        ComalDirectory.write(dir, "B", MatrixMarketTest.SAMPLE);
        assertEquals(List.of("B"), ComalDirectory.tensorNames(dir));
        MatrixMarketTest.assertSameMatrix(MatrixMarketTest.SAMPLE, ComalDirectory.read(dir, null));
        MatrixMarketTest.assertSameMatrix(MatrixMarketTest.SAMPLE, ComalDirectory.read(dir, "B"));
    }

    @Test
    void badDirectoriesAreNamed() throws Exception {
        ComalDirectory.write(dir, "B", MatrixMarketTest.SAMPLE);
        ComalDirectory.write(dir, "C", MatrixMarketTest.SAMPLE);
        UserError which = assertThrows(UserError.class, () -> ComalDirectory.read(dir, null));
        assertTrue(which.getMessage().contains("holds 2 tensors; name one with tensor=T (accepted: B, C)"), which.getMessage());
        UserError missing = assertThrows(UserError.class, () -> ComalDirectory.read(dir, "D"));
        assertTrue(missing.getMessage().contains("has no tensor 'D'"), missing.getMessage());
        UserError again = assertThrows(UserError.class, () -> ComalDirectory.write(dir, "B", MatrixMarketTest.SAMPLE));
        assertTrue(again.getMessage().contains("not overwritten"));
        Path crd = dir.resolve("tensor_C_mode_1_crd");
        List<String> lines = Files.readAllLines(crd);
        lines.set(2, "7");
        Files.write(crd, lines);
        UserError range = assertThrows(UserError.class, () -> ComalDirectory.read(dir, "C"));
        assertTrue(range.getMessage().startsWith(crd + ":3:1: coordinate 7 is outside the dimension 3"), range.getMessage());
        Path seg = dir.resolve("tensor_B_mode_0_seg");
        Files.writeString(seg, "0\n1\nx\n");
        UserError garbled = assertThrows(UserError.class, () -> ComalDirectory.read(dir, "B"));
        assertTrue(garbled.getMessage().startsWith(seg + ":3:1: expected a non-negative integer"), garbled.getMessage());
        Files.writeString(seg, "0\n1\n");
        UserError truncated = assertThrows(UserError.class, () -> ComalDirectory.read(dir, "B"));
        assertTrue(truncated.getMessage().contains(seg + " ends at offset 1, but"), truncated.getMessage());
    }
}
