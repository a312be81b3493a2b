package dev.fuseflow.datasets.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuseflow.datasets.SparseMatrix;
import dev.fuseflow.diagnostics.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EdgeListTest {
    @TempDir
    Path dir;

    private Path file(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void csvAndTsvRoundTrip() {
        SparseMatrix graph = new SparseMatrix(5, 5, new int[] {0, 1, 3, 4}, new int[] {1, 0, 4, 3}, new float[] {1, 1, 1, 1});
        Path csv = dir.resolve("g.csv");
        EdgeList.write(csv, graph, ',', false);
        MatrixMarketTest.assertSameMatrix(graph, EdgeList.read(csv, new EdgeList.Options(5, false, false)));
        SparseMatrix weighted = new SparseMatrix(4, 4, new int[] {0, 2}, new int[] {3, 1}, new float[] {0.5f, -2f});
        Path tsv = dir.resolve("w.tsv");
        EdgeList.write(tsv, weighted, '\t', true);
        MatrixMarketTest.assertSameMatrix(weighted, EdgeList.read(tsv, new EdgeList.Options(4, false, false)));
    }

    @Test
    void whitespaceCommentsOneBasedAndSymmetric() throws Exception {
        Path file = file("k.txt", "# friends\n1   2\n2 3\n\n% more\n3\t1\n2 3\n");
        SparseMatrix m = EdgeList.read(file, new EdgeList.Options(0, true, true));
        assertEquals(3, m.rowCount());
        assertArrayEquals(new int[] {0, 0, 1, 1, 2, 2}, m.rows());
        assertArrayEquals(new int[] {1, 2, 0, 2, 0, 1}, m.cols());
        assertArrayEquals(new float[] {1, 1, 1, 1, 1, 1}, m.values(), "a repeated edge collapses to one");
    }

    @Test
    void nodeCountCanExceedTheLargestId() throws Exception {
        Path file = file("n.csv", "src,dst\n0,1\n");
        assertEquals(10, EdgeList.read(file, new EdgeList.Options(10, false, false)).rowCount());
        assertEquals(2, EdgeList.read(file, EdgeList.Options.DEFAULT).rowCount());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "garbled   | a,b\\n0,1\\nx,2\\n         | 0  | g.csv:3:1: the node id 'x' is not an integer",
        "range     | 0 1\\n1 7\\n              | 5  | r.csv:2:3: the node id 7 is outside 0..4 (nodes=5)",
        "negative  | 0 1\\n-1 2\\n             | 0  | m.csv:2:1: the node id -1 is outside",
        "columns   | 0 1\\n1 2 3 4\\n          | 0  | c.csv:2:1: expected 2 fields like the lines before, found 4",
        "weight    | 0 1 0.5\\n1 2 heavy\\n    | 0  | w.csv:2:5: the weight 'heavy' is not a number",
        "truncated | 0,1\\n1,\\n              | 0  | t.csv:2:1: expected 2 fields like the lines before, found 1",
        "empty     | # nothing\\n             | 0  | edge list",
    })
    void badInputIsOneSentenceWithFileAndLine(String label, String text, int nodes, String expected) throws Exception {
        String name = expected.trim().contains(":") ? expected.trim().substring(0, expected.trim().indexOf(':')) : "e.csv";
        Path file = file(name, text.trim().replace("\\n", "\n"));
        UserError error = assertThrows(UserError.class, () -> EdgeList.read(file, new EdgeList.Options(nodes, false, false)));
        String message = error.getMessage().replace(dir.toString() + "/", "");
        assertTrue(message.startsWith(expected.trim()), message);
        assertFalse(message.contains("\n"));
    }
}
