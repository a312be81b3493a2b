package dev.fuseflow.datasets.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuseflow.datasets.Dataset;
import dev.fuseflow.datasets.DatasetRegistry;
import dev.fuseflow.datasets.cache.DatasetCache;
import dev.fuseflow.diagnostics.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --dataset PATH[:key=value]} through the registry. */
class FileDatasetTest {
    @TempDir
    Path dir;

    private static Dataset resolve(String spec) {
        return DatasetRegistry.resolve(spec, 1, 1, DatasetCache.disabled());
    }

    @Test
    void eachFormatResolvesByItsExtension() throws Exception {
        Path mtx = dir.resolve("a.mtx");
        MatrixMarket.writeCoordinate(mtx, MatrixMarketTest.SAMPLE, false);
        Dataset a = resolve(mtx + ":features=5,seed=3");
        assertEquals(12, a.matrix().orElseThrow().rowCount() * a.matrix().get().colCount());
        assertEquals(3, a.features().orElseThrow().rowCount());
        assertEquals(5, a.features().get().colCount());
        assertTrue(a.summary().contains("Matrix Market"));

        Path edges = dir.resolve("k.edges");
        Files.writeString(edges, "1 2\n2 3\n");
        Dataset k = resolve(edges + ":base=1,symmetric=true,nodes=4");
        assertEquals(4, k.matrix().orElseThrow().rowCount());
        assertEquals(4, k.matrix().get().nnz());
        assertEquals(4, k.dimensions().get("nodes"));

        Dataset npz = resolve(NumpyTest.resource("graph.npz").toString());
        assertEquals(2, npz.features().orElseThrow().colCount(), "the file's own features");

        Path tensors = dir.resolve("tensors");
        ComalDirectory.write(tensors, "A", MatrixMarketTest.SAMPLE);
        assertEquals(4, resolve(tensors.toString()).matrix().orElseThrow().nnz());
    }

    @Test
    void fileMistakesAreOneSentence() throws Exception {
        Path edges = dir.resolve("k.csv");
        Files.writeString(edges, "0,1\n");
        assertMessage(edges + ":tensor=A", "unknown parameter 'tensor' for dataset '" + edges + "'");
        assertMessage(edges + ":base=2", "dataset parameter base=2 is not 0 or 1");
        Path other = dir.resolve("data.bin");
        Files.writeString(other, "x");
        assertMessage(other.toString(), "has a type FuseFlow cannot read");
        assertMessage(NumpyTest.resource("graph.npz") + ":features=3", "features= does not apply");
        UserError scaled = assertThrows(UserError.class, () -> DatasetRegistry.resolve(edges.toString(), 0.5, 1,
                DatasetCache.disabled()));
        assertTrue(scaled.getMessage().contains("is used as it is"));
    }

    private static void assertMessage(String spec, String expected) {
        UserError error = assertThrows(UserError.class, () -> resolve(spec));
        assertTrue(error.getMessage().contains(expected), error.getMessage());
    }
}
