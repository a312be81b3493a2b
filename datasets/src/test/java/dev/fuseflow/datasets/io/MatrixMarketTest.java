package dev.fuseflow.datasets.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuseflow.datasets.DenseMatrix;
import dev.fuseflow.datasets.SparseMatrix;
import dev.fuseflow.diagnostics.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MatrixMarketTest {
    @TempDir
    Path dir;

    static final SparseMatrix SAMPLE = new SparseMatrix(4, 3, new int[] {0, 1, 1, 3}, new int[] {2, 0, 1, 0},
            new float[] {1.25f, -3f, 1e-7f, 0.1f});

    static void assertSameMatrix(SparseMatrix expected, SparseMatrix actual) {
        assertEquals(expected.rowCount(), actual.rowCount());
        assertEquals(expected.colCount(), actual.colCount());
        assertArrayEquals(expected.rows(), actual.rows());
        assertArrayEquals(expected.cols(), actual.cols());
        assertArrayEquals(expected.values(), actual.values());
    }

    private Path file(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void coordinateRoundTrip() {
        Path file = dir.resolve("a.mtx");
        MatrixMarket.writeCoordinate(file, SAMPLE, false);
        assertSameMatrix(SAMPLE, (SparseMatrix) MatrixMarket.read(file));
        Path pattern = dir.resolve("p.mtx");
        MatrixMarket.writeCoordinate(pattern, SAMPLE, true);
        SparseMatrix read = (SparseMatrix) MatrixMarket.read(pattern);
        assertArrayEquals(SAMPLE.cols(), read.cols());
        assertArrayEquals(new float[] {1, 1, 1, 1}, read.values());
    }

    @Test
    void arrayRoundTrip() {
        DenseMatrix dense = new DenseMatrix(2, 3, new float[] {1, 2, 3, 4, 5, 6.5f});
        Path file = dir.resolve("d.mtx");
        MatrixMarket.writeArray(file, dense);
        assertArrayEquals(dense.values(), ((DenseMatrix) MatrixMarket.read(file)).values());
    }

    @Test
    void symmetricIntegerCoordinateIsMirrored() throws Exception {
        Path file = file("s.mtx", """
                %%MatrixMarket matrix coordinate integer symmetric
                % a comment
                3 3 3

                1 1 5
                3 1 7
                3 2 -2
                """);
        SparseMatrix m = (SparseMatrix) MatrixMarket.read(file);
        assertArrayEquals(new int[] {0, 0, 1, 2, 2}, m.rows());
        assertArrayEquals(new int[] {0, 2, 2, 0, 1}, m.cols());
        assertArrayEquals(new float[] {5, 7, -2, 7, -2}, m.values());
    }

    @Test
    void symmetricArrayListsTheLowerTriangleByColumn() throws Exception {
        Path file = file("sa.mtx", "%%MatrixMarket matrix array real symmetric\n2 2\n1\n2\n3\n");
        assertArrayEquals(new float[] {1, 2, 2, 3}, ((DenseMatrix) MatrixMarket.read(file)).values());
    }

    @Test
    void repeatedCoordinatesAreSummed() throws Exception {
        Path file = file("r.mtx", "%%MatrixMarket matrix coordinate real general\n2 2 2\n1 2 1.5\n1 2 2\n");
        assertArrayEquals(new float[] {3.5f}, ((SparseMatrix) MatrixMarket.read(file)).values());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "truncated   | %%MatrixMarket matrix coordinate real general\\n3 3 3\\n1 1 1\\n2 2 2\\n | t.mtx:4:1: the file ends after 2 of the 3 entries",
        "header      | %%MatrixMarket tensor coordinate real general\\n1 1 0\\n | g.mtx:1:1: the header '%%MatrixMarket tensor coordinate real general' is not a Matrix Market matrix header",
        "complex     | %%MatrixMarket matrix coordinate complex general\\n1 1 0\\n | c.mtx:1:34: field 'complex' is not supported",
        "range       | %%MatrixMarket matrix coordinate real general\\n3 3 1\\n4 1 1.0\\n | o.mtx:3:1: the row index 4 is outside 1..3",
        "zero        | %%MatrixMarket matrix coordinate pattern general\\n3 3 1\\n1 0\\n | z.mtx:3:3: the column index 0 is outside 1..3 (Matrix Market indices are 1-based)",
        "value       | %%MatrixMarket matrix coordinate real general\\n3 3 1\\n1 1 abc\\n | v.mtx:3:5: 'abc' is not a number",
        "extra       | %%MatrixMarket matrix coordinate real general\\n3 3 1\\n1 1 1\\n2 2 2\\n | e.mtx:4:1: the file lists more than the 1 entries",
        "nonsquare   | %%MatrixMarket matrix coordinate real symmetric\\n3 2 0\\n | n.mtx:2:1: a symmetric matrix must be square",
        "upper       | %%MatrixMarket matrix coordinate real symmetric\\n3 3 1\\n1 2 1\\n | u.mtx:3:3: entry (1, 2) lies above the diagonal",
        "fields      | %%MatrixMarket matrix coordinate real general\\n3 3 1\\n1 1\\n | f.mtx:3:1: expected 3 numbers (row col value), found 2",
        "arrayshort  | %%MatrixMarket matrix array real general\\n2 2\\n1\\n2\\n3\\n | s.mtx:5:1: the file ends after 3 of the 4 values",
        "sizeline    | %%MatrixMarket matrix coordinate real general\\n3 x 1\\n | l.mtx:2:3: the size line should hold non-negative integers",
    })
    void badInputIsOneSentenceWithFileAndLine(String label, String text, String expected) throws Exception {
        String name = expected.trim().substring(0, expected.trim().indexOf(':'));
        Path file = file(name, text.trim().replace("\\n", "\n"));
        UserError error = assertThrows(UserError.class, () -> MatrixMarket.read(file));
        String message = error.getMessage().replace(dir.toString() + "/", "");
        assertTrue(message.startsWith(expected.trim()), message);
        assertFalse(message.contains("\n"));
    }

    @Test
    void neverOverwritesAUsersFile() throws Exception {
        Path file = file("mine.mtx", "precious");
        UserError error = assertThrows(UserError.class, () -> MatrixMarket.writeCoordinate(file, SAMPLE, false));
        assertTrue(error.getMessage().contains("not overwritten"));
        assertEquals("precious", Files.readString(file));
    }
}
