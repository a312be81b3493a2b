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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NumpyTest {
    @TempDir
    Path dir;

    /** The 4×3 matrix the scipy files in test resources hold. */
    static final SparseMatrix SCIPY_SAMPLE = new SparseMatrix(4, 3, new int[] {0, 1, 2, 3}, new int[] {1, 0, 2, 1},
            new float[] {1.5f, 2f, 3f, 4f});

    static Path resource(String name) throws Exception {
        return Path.of(NumpyTest.class.getResource("/numpy/" + name).toURI());
    }

    @ParameterizedTest
    @ValueSource(strings = {"scipy_csr.npz", "scipy_coo.npz", "scipy_csc.npz"})
    void readsWhatScipyWrites(String name) throws Exception {
        MatrixMarketTest.assertSameMatrix(SCIPY_SAMPLE, NumpyGraph.read(resource(name), 0).matrix());
    }

    @Test
    void readsWhatNumpyWrites() throws Exception {
        SparseMatrix ring = NumpyGraph.read(resource("edge_index.npy"), 0).matrix();
        assertArrayEquals(new int[] {0, 1, 1, 2}, ring.rows());
        assertArrayEquals(new int[] {1, 0, 2, 1}, ring.cols());
        NumpyGraph.Loaded graph = NumpyGraph.read(resource("graph.npz"), 0);
        assertEquals(5, graph.matrix().rowCount(), "num_nodes counts the isolated node 4");
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, graph.features().orElseThrow().values());
        NpyArray fortran = Npy.read(resource("fortran_f8.npy"));
        assertEquals(">f8", fortran.descr());
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, fortran.toFloats(), "Fortran order comes back row-major");
    }

    @Test
    void edgeIndexRoundTrip() {
        long[] ids = {0, 2, 2, 5, 2, 0, 5, 2};
        Path file = dir.resolve("ei.npy");
        Npy.write(file, Npy.encodeLongs(new int[] {2, 4}, ids));
        SparseMatrix m = NumpyGraph.read(file, 7).matrix();
        assertEquals(7, m.rowCount());
        assertArrayEquals(new int[] {0, 2, 2, 5}, m.rows());
        assertArrayEquals(new int[] {2, 0, 5, 2}, m.cols());
    }

    @Test
    void scipyCsrAndCooRoundTrip() {
        SparseMatrix m = SCIPY_SAMPLE;
        int[] indptr = m.rowStarts();
        for (boolean compressed : new boolean[] {true, false}) {
            Map<String, byte[]> csr = new LinkedHashMap<>();
            csr.put("indices", Npy.encodeInts(new int[] {4}, m.cols()));
            csr.put("indptr", Npy.encodeInts(new int[] {5}, indptr));
            csr.put("format", Npy.encodeString("csr"));
            csr.put("shape", Npy.encodeLongs(new int[] {2}, new long[] {4, 3}));
            csr.put("data", Npy.encodeFloats(new int[] {4}, m.values()));
            Path file = dir.resolve("csr-" + compressed + ".npz");
            Npz.write(file, csr, compressed);
            MatrixMarketTest.assertSameMatrix(m, NumpyGraph.read(file, 0).matrix());
        }
        Map<String, byte[]> coo = new LinkedHashMap<>();
        coo.put("row", Npy.encodeInts(new int[] {4}, m.rows()));
        coo.put("col", Npy.encodeInts(new int[] {4}, m.cols()));
        coo.put("format", Npy.encodeString("coo"));
        coo.put("shape", Npy.encodeLongs(new int[] {2}, new long[] {4, 3}));
        coo.put("data", Npy.encodeFloats(new int[] {4}, m.values()));
        Path file = dir.resolve("coo.npz");
        Npz.write(file, coo, false);
        MatrixMarketTest.assertSameMatrix(m, NumpyGraph.read(file, 0).matrix());
    }

    private static void assertMessage(String expected, Runnable action, Path dir) {
        UserError error = assertThrows(UserError.class, action::run);
        String message = error.getMessage().replace(dir.toString() + "/", "");
        assertTrue(message.startsWith(expected), message);
        assertFalse(message.contains("\n"));
    }

    @Test
    void truncatedAndGarbledFilesAreNamed() throws Exception {
        byte[] good = Npy.encodeLongs(new int[] {2, 4}, new long[] {0, 1, 1, 2, 1, 0, 2, 1});
        Path truncated = dir.resolve("t.npy");
        Files.write(truncated, Arrays.copyOf(good, good.length - 5));
        assertMessage("t.npy: shape (2, 4) of dtype <i8 needs 64 bytes of data, but the file holds 59 (truncated?)",
                () -> NumpyGraph.read(truncated, 0), dir);
        Path magic = dir.resolve("m.npy");
        Files.writeString(magic, "0,1\n1,2\n");
        assertMessage("m.npy: not a NumPy .npy array", () -> NumpyGraph.read(magic, 0), dir);
        byte[] header = good.clone();
        byte[] broken = "'shoop'".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(broken, 0, header, new String(good, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("'shape'"),
                broken.length);
        Path garbled = dir.resolve("g.npy");
        Files.write(garbled, header);
        assertMessage("g.npy: the .npy header", () -> NumpyGraph.read(garbled, 0), dir);
        Path shortHeader = dir.resolve("h.npy");
        Files.write(shortHeader, Arrays.copyOf(good, 30));
        assertMessage("h.npy: the .npy header claims", () -> NumpyGraph.read(shortHeader, 0), dir);
        Path notZip = dir.resolve("z.npz");
        Files.writeString(notZip, "not a zip");
        assertMessage("z.npz: not a readable .npz archive", () -> NumpyGraph.read(notZip, 0), dir);
    }

    @Test
    void outOfRangeAndShapeMismatchAreNamed() throws Exception {
        Path range = dir.resolve("r.npy");
        Npy.write(range, Npy.encodeLongs(new int[] {2, 2}, new long[] {0, 1, 1, 9}));
        assertMessage("r.npy: edge 1 names node 9, outside 0..4 (5 nodes)", () -> NumpyGraph.read(range, 5), dir);
        Path shape = dir.resolve("s.npy");
        Npy.write(shape, Npy.encodeLongs(new int[] {4, 2}, new long[] {0, 1, 1, 2, 2, 3, 3, 0}));
        assertMessage("s.npy: an edge_index must be an integer array of shape (2, E), found <i8 of shape (4, 2)",
                () -> NumpyGraph.read(shape, 0), dir);
        Map<String, byte[]> csr = new LinkedHashMap<>();
        csr.put("indices", Npy.encodeInts(new int[] {2}, new int[] {0, 3}));
        csr.put("indptr", Npy.encodeInts(new int[] {3}, new int[] {0, 1, 2}));
        csr.put("format", Npy.encodeString("csr"));
        csr.put("shape", Npy.encodeLongs(new int[] {2}, new long[] {2, 3}));
        csr.put("data", Npy.encodeFloats(new int[] {2}, new float[] {1, 2}));
        Path bad = dir.resolve("c.npz");
        Npz.write(bad, csr, true);
        assertMessage("c.npz[indices]: entry 1 of indices is 3, outside 0..2", () -> NumpyGraph.read(bad, 0), dir);
        Map<String, byte[]> features = new LinkedHashMap<>();
        features.put("edge_index", Npy.encodeLongs(new int[] {2, 1}, new long[] {0, 1}));
        features.put("x", Npy.encodeFloats(new int[] {3, 1}, new float[] {1, 2, 3}));
        Path mismatch = dir.resolve("x.npz");
        Npz.write(mismatch, features, false);
        assertMessage("x.npz[x]: node features of shape (3, 1) do not match the 2 nodes", () -> NumpyGraph.read(mismatch, 0), dir);
    }
}
