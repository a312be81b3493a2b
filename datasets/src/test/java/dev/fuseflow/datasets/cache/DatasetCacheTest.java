package dev.fuseflow.datasets.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuseflow.datasets.DataPart;
import dev.fuseflow.datasets.Dataset;
import dev.fuseflow.datasets.DatasetRegistry;
import dev.fuseflow.datasets.DenseMatrix;
import dev.fuseflow.datasets.SparseMatrix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetCacheTest {
    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();
    private final AtomicInteger generated = new AtomicInteger();

    private DatasetCache cache() {
        return new DatasetCache(dir, DatasetCache.DEFAULT_MAX_BYTES, warnings::add);
    }

    private Supplier<Map<String, DataPart>> generator() {
        return () -> {
            generated.incrementAndGet();
            Map<String, DataPart> parts = new LinkedHashMap<>();
            parts.put("a", new SparseMatrix(3, 4, new int[] {0, 2}, new int[] {1, 3}, new float[] {1.5f, -2f}));
            float[] big = new float[300_000];
            for (int i = 0; i < big.length; i++) {
                big[i] = i * 0.5f;
            }
            parts.put("x", new DenseMatrix(1000, 300, big));
            return parts;
        };
    }

    private static void assertSameParts(Map<String, DataPart> expected, Map<String, DataPart> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        SparseMatrix a = (SparseMatrix) expected.get("a");
        SparseMatrix b = (SparseMatrix) actual.get("a");
        assertArrayEquals(a.rows(), b.rows());
        assertArrayEquals(a.cols(), b.cols());
        assertArrayEquals(a.values(), b.values());
        assertEquals(a.colCount(), b.colCount());
        assertArrayEquals(((DenseMatrix) expected.get("x")).values(), ((DenseMatrix) actual.get("x")).values());
    }

    @Test
    void storesOnceThenLoads() throws Exception {
        Map<String, DataPart> first = cache().loadOrGenerate("k|seed=1", 1000, generator());
        Map<String, DataPart> second = cache().loadOrGenerate("k|seed=1", 1000, generator());
        assertEquals(1, generated.get());
        assertSameParts(first, second);
        assertTrue(warnings.isEmpty(), warnings.toString());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(cache().entryFile("k|seed=1")), files.toList(), "one entry, no temporary files left");
        }
        cache().loadOrGenerate("k|seed=2", 1000, generator());
        assertEquals(2, generated.get(), "another key is another entry");
    }

    @Test
    void aCorruptEntryIsRegeneratedWithAWarning() throws Exception {
        Map<String, DataPart> original = cache().loadOrGenerate("k", 1000, generator());
        Path file = cache().entryFile("k");
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(file, bytes);
        Map<String, DataPart> again = cache().loadOrGenerate("k", 1000, generator());
        assertEquals(2, generated.get());
        assertSameParts(original, again);
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("checksum"), warnings.get(0));
        cache().loadOrGenerate("k", 1000, generator());
        assertEquals(2, generated.get(), "the regenerated entry replaced the corrupt one");
    }

    @Test
    void aTruncatedEntryIsRegenerated() throws Exception {
        cache().loadOrGenerate("k", 1000, generator());
        Path file = cache().entryFile("k");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 1000));
        cache().loadOrGenerate("k", 1000, generator());
        assertEquals(2, generated.get());
        assertEquals(1, warnings.size(), warnings.toString());
    }

    @Test
    void anEntryForAnotherKeyIsNotServed() throws Exception {
        cache().loadOrGenerate("k", 1000, generator());
        Files.move(cache().entryFile("k"), cache().entryFile("other"));
        cache().loadOrGenerate("other", 1000, generator());
        assertEquals(2, generated.get());
        assertTrue(warnings.get(0).contains("holds 'k'"), warnings.get(0));
    }

    @Test
    void anUnwritableDirectoryCostsAWarningNotTheRun() throws Exception {
        Path blocked = dir.resolve("file-not-dir");
        Files.writeString(blocked, "x");
        DatasetCache cache = new DatasetCache(blocked.resolve("sub"), DatasetCache.DEFAULT_MAX_BYTES, warnings::add);
        Map<String, DataPart> parts = cache.loadOrGenerate("k", 1000, generator());
        assertEquals(2, parts.size());
        assertEquals(1, warnings.size());
        assertEquals("x", Files.readString(blocked));
    }

    @Test
    void entriesAboveTheSizeLimitAreNotStored() throws Exception {
        DatasetCache small = new DatasetCache(dir, 100, warnings::add);
        small.loadOrGenerate("k", 1000, generator());
        small.loadOrGenerate("k", 1000, generator());
        assertEquals(2, generated.get());
        assertFalse(Files.exists(small.entryFile("k")));
    }

    @Test
    void registryDatasetsComeBackIdenticalFromTheCache() {
        Dataset fresh = DatasetRegistry.resolve("dblp", 0.02, 3, cache());
        Dataset cached = DatasetRegistry.resolve("dblp", 0.02, 3, cache());
        assertArrayEquals(fresh.matrix().get().cols(), cached.matrix().get().cols());
        assertArrayEquals(fresh.features().get().values(), cached.features().get().values());
        assertEquals(fresh.dimensions(), cached.dimensions());
        assertTrue(Files.exists(cache().entryFile(DatasetRegistry.plan("dblp", 0.02, 3).cacheKey())));
    }
}
