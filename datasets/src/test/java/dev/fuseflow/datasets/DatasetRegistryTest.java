package dev.fuseflow.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuseflow.datasets.cache.DatasetCache;
import dev.fuseflow.diagnostics.UserError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DatasetRegistryTest {
    private static final DatasetCache NO_CACHE = DatasetCache.disabled();

    private static Dataset resolve(String spec, double scale) {
        return DatasetRegistry.resolve(spec, scale, 1, NO_CACHE);
    }

    @Test
    void everyDatasetOfTheIssueHasACard() {
        List<String> names = DatasetRegistry.cards().stream().map(DatasetCard::name).toList();
        assertEquals(List.of("cora", "cora_ml", "dblp", "collab", "mag", "karate", "imagenet", "nih_cxr", "luna16",
                "bigbird"), names);
        for (DatasetCard card : DatasetRegistry.cards()) {
            assertFalse(card.generator().isBlank(), card.name());
            assertFalse(card.scaleRule().isBlank(), card.name());
            assertFalse(card.source().isBlank(), card.name());
            assertTrue(card.fullScaleBytes() > 0, card.name());
        }
    }

    @Test
    void uncertainCountsAreMarked() {
        assertTrue(card("collab").sizeLine().contains("2,358,104 directed edges (1,179,052 undirected) (uncertain)"),
                card("collab").sizeLine());
        assertTrue(String.join(" ", card("collab").uncertain()).contains("1,285,465"));
        assertTrue(card("mag").sizeLine().contains("5,416,271 directed edges (not symmetrized) (uncertain)"));
        assertTrue(card("dblp").sizeLine().contains("1,639 features (uncertain)"));
        assertFalse(card("cora").sizeLine().contains("(uncertain)"));
        assertTrue(card("cora").sizeLine().startsWith("2,708 nodes, 10,556 directed edges (5,278 undirected), 1,433 features, 7 classes"));
        assertTrue(card("cora").generator().contains("Chung–Lu"));
    }

    private static DatasetCard card(String name) {
        return DatasetRegistry.entry(name).orElseThrow().card();
    }

    @Test
    void coraAtFullScaleHasThePublishedCounts() {
        Dataset cora = resolve("cora", 1);
        SparseMatrix a = cora.matrix().orElseThrow();
        assertEquals(2708, a.rowCount());
        assertEquals(10_556, a.nnz());
        assertEquals(2708, cora.features().orElseThrow().rowCount());
        assertEquals(1433, cora.features().orElseThrow().colCount());
        assertEquals(Map.of("rows", 2708, "cols", 2708, "features", 1433, "nodes", 2708, "edges", 10_556, "classes", 7),
                cora.dimensions());
        assertTrue(cora.card().isPresent());
        assertEquals(List.of("adjacency", "features"), List.copyOf(cora.parts().keySet()));
    }

    @ParameterizedTest(name = "{0} at {1}")
    @CsvSource({
        "cora,    0.1,  271,   1056,  143, 7",
        "cora_ml, 0.05, 150,   816,   144, 7",
        "dblp,    0.01, 177,   1058,  16,  4",
        "collab,  0.001, 236,  2358,  8,   2",
        "mag,     0.0005, 368, 2708,  8,   349",
    })
    void scaledGraphsKeepTheirAverageDegree(String name, double scale, int nodes, int edges, int features, int classes) {
        Dataset graph = resolve(name, scale);
        SparseMatrix a = graph.matrix().orElseThrow();
        assertEquals(nodes, a.rowCount());
        assertEquals(edges, a.nnz());
        assertEquals(features, graph.features().orElseThrow().colCount());
        assertEquals(classes, graph.dimensions().get("classes"));
    }

    @Test
    void sameSeedSameDataOtherSeedOtherData() {
        Dataset a = DatasetRegistry.resolve("cora", 0.2, 4, NO_CACHE);
        Dataset b = DatasetRegistry.resolve("cora", 0.2, 4, NO_CACHE);
        Dataset c = DatasetRegistry.resolve("cora:seed=5", 0.2, 4, NO_CACHE);
        assertArrayEquals(a.matrix().get().cols(), b.matrix().get().cols());
        assertArrayEquals(a.features().get().values(), b.features().get().values());
        assertFalse(java.util.Arrays.equals(a.matrix().get().cols(), c.matrix().get().cols()));
    }

    @Test
    void karateIsRealAndNotScaled() {
        Dataset karate = resolve("karate", 1);
        assertEquals(156, karate.matrix().orElseThrow().nnz());
        assertEquals(34, karate.features().orElseThrow().colCount());
        assertEquals(1f, karate.features().orElseThrow().get(5, 5));
        UserError error = assertThrows(UserError.class, () -> resolve("karate", 0.5));
        assertTrue(error.getMessage().contains("not scaled"), error.getMessage());
    }

    @Test
    void bigbirdScalesTheBlockAndKeepsTheDensity() {
        Dataset full = resolve("bigbird:block=32", 1);
        Dataset quarter = resolve("bigbird:block=32", 0.25);
        assertEquals(1024, full.dimensions().get("seq"));
        assertEquals(256, quarter.dimensions().get("seq"));
        assertEquals(8, quarter.dimensions().get("block"));
        assertEquals(32, quarter.dimensions().get("blocks_per_row"));
        assertEquals(full.matrix().get().density(), quarter.matrix().get().density(), 1e-12);
        assertEquals(0.262, full.matrix().get().density(), 5e-4);
        assertTrue(full.part("mask").isPresent());
        // the block grid (what block-timing runs stream) is the same at every scale
        DataPart grid = full.part("block_mask").orElseThrow();
        assertEquals(32, grid.rowCount());
        assertEquals(268, ((SparseMatrix) grid).nnz());
        assertEquals(268, ((SparseMatrix) quarter.part("block_mask").orElseThrow()).nnz());
        assertTrue(full.features().isEmpty());
    }

    @Test
    void autoencoderScalesDAndKeepsBatchAndH() {
        Dataset luna = resolve("luna16", 0.001);
        assertEquals(Map.of("batch", 32, "d", 262, "h", 512), luna.dimensions());
        SparseMatrix enc = (SparseMatrix) luna.part("enc_weight").orElseThrow();
        SparseMatrix dec = (SparseMatrix) luna.part("dec_weight").orElseThrow();
        assertEquals(262, enc.rowCount());
        assertEquals(512, enc.colCount());
        assertEquals(Math.round(0.1 * 262 * 512), enc.nnz());
        assertEquals(512, dec.rowCount());
        assertEquals(Math.round(0.1 * 262 * 512), dec.nnz());
        for (float v : enc.values()) {
            assertTrue(v >= 0 && v < 0.01f);
        }
        DenseMatrix input = (DenseMatrix) luna.part("input").orElseThrow();
        assertEquals(32, input.rowCount());
        assertEquals(262, input.colCount());
        assertEquals(512, luna.part("enc_bias").orElseThrow().colCount());
        assertEquals(262, luna.part("dec_bias").orElseThrow().colCount());
        assertTrue(luna.matrix().isEmpty());
        Dataset sparser = resolve("luna16:sparsity=0.99", 0.001);
        assertEquals(Math.round(0.01 * 262 * 512), ((SparseMatrix) sparser.part("enc_weight").get()).nnz());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "nope              | unknown dataset 'nope' (accepted: cora, cora_ml, dblp, collab, mag, karate, imagenet",
        "cora-ml           | unknown dataset 'cora-ml'; did you mean 'cora_ml'? (accepted: cora, cora_ml",
        "dbpl              | unknown dataset 'dbpl'; did you mean 'dblp'?",
        "cora:bogus=1      | unknown parameter 'bogus' for dataset 'cora' (accepted: seed)",
        "bigbird           | dataset 'bigbird' needs a block size",
        "bigbird:block=48  | bigbird block 48 does not divide the sequence length 1024",
        "luna16:sparsity=1 | sparsity=1 is outside 0 <= s < 1",
        "cora:seed=x       | seed=x is not an integer",
        "missing/file.mtx  | dataset file missing/file.mtx does not exist",
    })
    void badSpecsAreOneSentence(String spec, String expected) {
        UserError error = assertThrows(UserError.class, () -> resolve(spec.trim(), 1));
        assertTrue(error.getMessage().contains(expected.trim()), error.getMessage());
        assertFalse(error.getMessage().contains("\n"));
    }

    @Test
    void tooSmallAScaleIsRefusedWithAHint() {
        UserError error = assertThrows(UserError.class, () -> resolve("collab", 1e-5));
        assertTrue(error.getMessage().contains("too few to hold"), error.getMessage());
    }

    @Test
    void syntheticStillWorks() {
        Dataset synthetic = resolve("synthetic:rows=50,cols=40,density=0.1,features=3,seed=2", 1);
        assertEquals(200, synthetic.matrix().orElseThrow().nnz());
        assertEquals(40, synthetic.features().orElseThrow().rowCount());
        Dataset half = resolve("synthetic:rows=100,density=0.1", 0.5);
        assertEquals(50, half.matrix().orElseThrow().colCount());
    }

    @Test
    void planEstimatesWithoutGenerating() {
        GenerationPlan mag = DatasetRegistry.plan("mag", 1, 1);
        assertEquals(736_389, mag.dimensions().get("nodes"));
        assertEquals(5_416_271, mag.dimensions().get("edges"));
        assertTrue(mag.estimatedBytes() > 400_000_000L && mag.estimatedBytes() < 500_000_000L, "" + mag.estimatedBytes());
    }
}
