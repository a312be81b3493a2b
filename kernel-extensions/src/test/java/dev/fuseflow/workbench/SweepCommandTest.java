package dev.fuseflow.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import dev.fuseflow.diagnostics.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tech.tablesaw.api.Table;

/** {@code sweep}: the grid, its order, threads, the result cache, errors as rows, and option errors. */
class SweepCommandTest {
    static final String DATA = "synthetic:rows=40,cols=40,density=0.1,features=8,seed=1";
    static final String DATA2 = "synthetic:rows=24,cols=24,density=0.2,features=4,seed=2";

    @TempDir
    Path cache;

    private SweepResult sweep(String options) {
        return sweep(new Workbench(), options);
    }

    private SweepResult sweep(Workbench workbench, String options) {
        List<String> words = new ArrayList<>(List.of("sweep"));
        words.addAll(List.of(options.trim().split("\\s+")));
        words.addAll(List.of("--cache-dir", cache.toString()));
        return (SweepResult) workbench.execute(words);
    }

    private static List<String> column(SweepResult result, String name) {
        return result.rows().stream().map(row -> String.valueOf(row.get(name))).toList();
    }

    @Test
    void estimatesRankPartitionsAndPruningKeepsTheBest() {
        SweepResult all = sweep("--model zoo:gcn --dataset karate --fusion all-partitions --estimate");
        List<SweepRow> ran = all.rows().stream().filter(r -> r.get("cycles") != null).toList();
        assertTrue(ran.size() > 500, "most of the 1024 partitions compile");
        assertTrue(ran.stream().allMatch(r -> r.get("estimated_cycles") != null && Boolean.FALSE.equals(r.get("pruned"))));
        SweepRow bestSimulated = ran.stream().min(java.util.Comparator.comparingLong(r -> (Long) r.get("cycles")))
                .orElseThrow();
        SweepResult pruned = sweep("--model zoo:gcn --dataset karate --fusion all-partitions --prune 0.3");
        List<SweepRow> kept = pruned.rows().stream().filter(r -> Boolean.FALSE.equals(r.get("pruned"))
                && r.get("cycles") != null).toList();
        long prunedCount = pruned.rows().stream().filter(r -> Boolean.TRUE.equals(r.get("pruned"))).count();
        assertTrue(prunedCount > ran.size() / 3, prunedCount + " pruned of " + ran.size());
        assertTrue(pruned.rows().stream().filter(r -> Boolean.TRUE.equals(r.get("pruned")))
                .allMatch(r -> r.get("cycles") == null), "pruned rows are not simulated");
        long bestKept = kept.stream().mapToLong(r -> (Long) r.get("cycles")).min().orElseThrow();
        assertTrue(bestKept <= 1.05 * (Long) bestSimulated.get("cycles"), "the best schedule survives pruning: "
                + bestKept + " vs " + bestSimulated.get("cycles"));
        assertTrue(pruned.summary().contains(prunedCount + " pruned by the cost model"), pruned.summary());
        UserError negative = assertThrows(UserError.class, () -> sweep("--model zoo:spmm --dataset " + DATA
                + " --prune -1"));
        assertTrue(negative.getMessage().contains("--prune takes a margin of at least 0"), negative.getMessage());
    }

    @Test
    void theGridIsTheCrossProductInNestingOrder() {
        SweepResult result = sweep("--model zoo:spmm --dataset " + DATA + "," + DATA2
                + " --fusion unfused,full --par none,i:2 --block 16,32 --threads 2");
        assertEquals(16, result.rows().size());
        assertEquals(List.of(DATA, DATA, DATA, DATA, DATA, DATA, DATA, DATA), column(result, "dataset").subList(0, 8));
        assertEquals(List.of("unfused", "unfused", "unfused", "unfused", "full", "full", "full", "full"),
                column(result, "fusion").subList(0, 8));
        assertEquals(List.of("none", "none", "i:2", "i:2"), column(result, "par").subList(0, 4));
        assertEquals(List.of("16", "32", "16", "32"), column(result, "block").subList(0, 4));
        assertTrue(column(result, "values").stream().allMatch("block-timing"::equals));
        for (SweepRow row : result.rows()) {
            assertFalse(row.failed(), String.valueOf(row.get("error")));
            assertEquals(true, row.get("verified"));
            assertTrue((Long) row.get("cycles") > 0);
            assertEquals((Long) row.get("ops") + (Long) row.get("reduces"), row.get("flops"));
        }
        Table table = result.toTable();
        assertEquals(16, table.rowCount());
        for (String name : List.of("cycles", "flops", "memory_accesses", "dram_bytes_read", "dram_bytes_written",
                "verified", "max_rel_error", "wall_ms", "speedup", "error", "tokens", "paper_flops")) {
            assertTrue(table.columnNames().contains(name), name);
        }
    }

    @Test
    void aSweepRowHasTheStatisticsSimulatePrintsForThatConfiguration() {
        SweepResult result = sweep("--model zoo:spmm --dataset " + DATA + " --par i:2 --no-cache");
        SimulationOutput single = (SimulationOutput) new Workbench().execute(
                List.of("simulate", "--model", "zoo:spmm", "--dataset", DATA, "--par", "i:2"));
        SweepRow row = result.rows().get(0);
        for (String name : List.of("cycles", "flops", "memory_accesses", "tokens", "crd_reads")) {
            assertEquals(single.fields().get(name), row.get(name), name);
        }
    }

    @Test
    void rowsAreTheSameInTheSameOrderWithOneOrTwoThreads() {
        String grid = "--model zoo:spmm --dataset " + DATA + "," + DATA2 + " --par none,i:2,i:4 --no-cache";
        SweepResult one = sweep(grid + " --threads 1");
        SweepResult two = sweep(grid + " --threads 2");
        assertEquals(6, one.rows().size());
        for (String name : List.of("dataset", "par", "cycles", "flops", "memory_accesses", "tokens", "max_rel_error")) {
            assertEquals(column(one, name), column(two, name), name);
        }
        assertTrue(one.summary().contains("on 1 thread"), one.summary());
        assertTrue(two.summary().contains("on 2 threads"), two.summary());
    }

    @Test
    void aSecondRunTakesEveryRowFromTheCacheWithoutSimulating() throws IOException {
        String grid = "--model zoo:spmm --dataset " + DATA + " --par none,i:2 --threads 2";
        SweepResult first = sweep(grid);
        assertEquals(2, first.simulatedCount());
        assertEquals(0, first.cachedCount());
        try (Stream<Path> files = Files.walk(cache)) {
            assertEquals(2, files.filter(f -> f.toString().endsWith(".json")).count());
        }
        SweepResult second = sweep(grid);
        assertEquals(0, second.simulatedCount());
        assertEquals(2, second.cachedCount());
        assertEquals(column(first, "cycles"), column(second, "cycles"));
        assertEquals(column(first, "wall_ms"), column(second, "wall_ms")); // the original run's cost, kept
        assertTrue(second.rows().stream().allMatch(row -> Boolean.TRUE.equals(row.get("cached"))));
        // another seed is another key: simulated again
        SweepResult reseeded = sweep(grid + " --seed 2");
        assertEquals(2, reseeded.simulatedCount());
        // --refresh simulates again; --no-cache neither reads nor writes
        assertEquals(2, sweep(grid + " --refresh").simulatedCount());
        assertEquals(2, sweep(grid + " --no-cache").simulatedCount());
        assertEquals(2, sweep(grid + " --resume").cachedCount());
    }

    @Test
    void aDamagedCacheEntryIsRecomputed() throws IOException {
        String grid = "--model zoo:spmm --dataset " + DATA;
        SweepResult first = sweep(grid);
        try (Stream<Path> files = Files.walk(cache)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                Files.writeString(file, "{\"format\": \"fuseflow-result-1\", \"key\": \"garbage");
            }
        }
        SweepResult second = sweep(grid);
        assertEquals(1, second.simulatedCount());
        assertEquals(column(first, "cycles"), column(second, "cycles"));
    }

    @Test
    void configurationsThatCannotRunAreRowsWithAnError() {
        SweepResult result = sweep("--model zoo:spmm --dataset " + DATA + " --order ikj,kij --par none,k:2 --threads 2");
        assertEquals(4, result.rows().size());
        SweepRow ok = result.rows().get(0);
        assertFalse(ok.failed());
        SweepRow badPar = result.rows().get(1);
        assertTrue(((String) badPar.get("error")).contains("cannot parallelize below 'k'"), badPar.cells().toString());
        SweepRow badOrder = result.rows().get(2);
        assertEquals("kij", badOrder.get("order"));
        assertTrue(((String) badOrder.get("error")).contains("order 'kij' is not a valid dataflow order"));
        assertNull(badOrder.get("cycles"));
        assertNull(badOrder.get("verified"));
        assertEquals(3, result.errorCount());
        String text = result.plainText();
        assertTrue(text.contains("error [1]") && text.contains("[3] order 'kij'"), text);
        // the error is kept in the cache too: a second run does not compile the bad configurations again
        assertEquals(0, sweep("--model zoo:spmm --dataset " + DATA + " --order ikj,kij --par none,k:2").simulatedCount());
    }

    @Test
    void aFusionTheProgramDoesNotHaveAndBlockValuesWithAMemoryModelAreRows() {
        SweepResult result = sweep("--model zoo:spmm --dataset " + DATA + " --fusion unfused,groups=0-1"
                + " --block 16 --memory none,comal-hbm");
        assertEquals(3, result.rows().size());
        assertFalse(result.rows().get(0).failed());
        assertTrue(((String) result.rows().get(1).get("error")).contains("runs without a memory model"));
        assertTrue(((String) result.rows().get(2).get("error")).contains("fusion groups must cover assignments 0-0"),
                result.rows().get(2).cells().toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--par x:0                           | parallelization 'x:0' is not V:K",
        "--timing fast                       | timing profile 'fast' is unknown (accepted: comal, bounded)",
        "--memory dram                       | unknown memory model 'dram'",
        "--block 17                          | not 17 (accepted: 16, 32, 64)",
        "--block x                           | --block x is not a block size",
        "--values scalar --block 16          | --block applies to --values block-timing only; add it to --values",
        "--fusion partial                    | fusion 'partial' is not a preset of any model in the sweep (accepted: unfused, full, presets, all-partitions",
        "--fusion groups=a                   | fusion 'groups=a' is not a list of assignment ranges",
        "--order #0                          | order '#0' has '#0', which is not #k with k >= 1",
        "--fifo 8                            | --fifo applies to --timing bounded only",
        "--timing bounded --fifo 1           | --fifo must be an integer of at least 2, not 1",
        "--threads 0                         | --threads must be at least 1, not 0",
        "--max-configs 1 --par i:1,i:2       | the sweep has more than 1 configurations (--max-configs)",
        "--json --csv                        | --json and --csv exclude each other",
        "--resume --no-cache                 | --resume continues from cached results, so it excludes --no-cache",
        "--par i:2,i:2                       | --par lists 'i:2' twice",
        "--scale 2                           | scale 2.0 is outside 0 < S <= 1",
        "--decoders 2                        | --decoders applies to zoo:gpt3-bigbird only, which this sweep does not run",
    })
    void aBadOptionValueIsOneSentence(String options, String expected) {
        UserError error = assertThrows(UserError.class,
                () -> sweep("--model zoo:spmm --dataset " + DATA + " " + options.trim()));
        assertTrue(error.getMessage().contains(expected.trim()), error.getMessage());
        assertFalse(error.getMessage().contains("\n"), error.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--model zoo:nope --dataset x             | unknown model 'zoo:nope'",
        "--model zoo:spmm --dataset nope          | unknown dataset 'nope'",
        "--model nope.mlir --dataset generated    | MLIR file 'nope.mlir' does not exist",
    })
    void aBadModelOrDatasetIsOneSentence(String options, String expected) {
        UserError error = assertThrows(UserError.class, () -> sweep(options.trim()));
        assertTrue(error.getMessage().contains(expected.trim()), error.getMessage());
    }

    @Test
    void aModelThatDoesNotFitADatasetIsARow() {
        SweepResult result = sweep("--model zoo:spmm --dataset generated," + DATA);
        assertEquals(2, result.rows().size());
        assertTrue(((String) result.rows().get(0).get("error")).contains(
                "dataset 'generated' makes data for MLIR and einsum programs; zoo:spmm takes a registered or synthetic dataset"));
        assertFalse(result.rows().get(1).failed());
    }

    @Test
    void itemsWithCommasStayWhole() {
        assertEquals(List.of("cora", "synthetic:rows=4,cols=4", "generated:density=0.1,seed=2"),
                ListOption.specs(List.of("cora,synthetic:rows=4,cols=4,generated:density=0.1,seed=2")));
        assertEquals(List.of("none", "bandwidth:bytes_per_cycle=32,latency=20", "comal-hbm"),
                ListOption.specs(List.of("none,bandwidth:bytes_per_cycle=32,latency=20,comal-hbm")));
        assertEquals(List.of("unfused", "groups=0-1,2", "full"), ListOption.fusions(List.of("unfused,groups=0-1,2,full")));
        assertEquals(List.of("g0:ikj,g1:ij", "g0:#2,g1:ij", "auto"),
                ListOption.orders(List.of("g0:ikj,g1:ij,g0:#2,g1:ij", "auto")));
        assertEquals(List.of("zoo:spmm", "a.mlir,b.mlir"), ListOption.models(List.of("zoo:spmm,a.mlir,b.mlir")));
    }

    @Test
    void allPartitionsAndAllOrdersOfAnMlirChain() throws IOException {
        Path first = Files.writeString(cache.resolveSibling(cache.getFileName() + "-aggregate.mlir"), MlirModelCommandTest.SPMM);
        Path second = Files.writeString(cache.resolveSibling(cache.getFileName() + "-bias_relu.mlir"),
                MlirModelCommandTest.BIAS_RELU);
        try {
            String model = first + "," + second;
            String compiled = new Workbench().execute(List.of("compile", "--model", model, "--fusion", "unfused"))
                    .plainText();
            int assignments = (int) compiled.lines().filter(l -> l.matches("  \\d+: .*")).count();
            SweepResult partitions = sweep("--model " + model + " --dataset generated:density=0.5,dynamic=8"
                    + " --fusion all-partitions --threads 2");
            assertEquals(1 << (assignments - 1), partitions.rows().size());
            assertEquals("unfused", partitions.rows().get(0).get("fusion"));
            assertEquals("full", partitions.rows().get(partitions.rows().size() - 1).get("fusion"));
            assertEquals(1.0, partitions.rows().get(0).get("speedup"));
            for (SweepRow row : partitions.rows()) {
                assertTrue(row.failed() || Boolean.TRUE.equals(row.get("verified")), row.cells().toString());
                assertTrue(row.failed() || row.get("speedup") != null, row.cells().toString());
            }
            SweepResult orders = sweep("--model " + model + " --dataset generated:density=0.5,dynamic=8"
                    + " --fusion full --order all");
            String summary = new Workbench().execute(List.of("compile", "--model", model, "--fusion", "full"))
                    .plainText();
            var valid = java.util.regex.Pattern.compile("of (\\d+) valid order").matcher(summary);
            assertTrue(valid.find(), summary);
            assertEquals(Integer.parseInt(valid.group(1)), orders.rows().size());
            assertEquals(orders.rows().size(), column(orders, "order").stream().distinct().count());
        } finally {
            Files.deleteIfExists(first);
            Files.deleteIfExists(second);
        }
    }

    @Test
    void anEinsumModelSweepsItsPartitionsAndTheLimitHolds() {
        String model = "einsum:A: csr [24, 20]; X: dense [20, 8]; T: dcsr [24, 8]; Y: dcsr [24, 8]; "
                + "T(i,j) = A(i,k) * X(k,j); Y(i,j) = relu(T(i,j))";
        List<String> words = new ArrayList<>(List.of("sweep", "--model", model, "--dataset", "generated:density=0.3",
                "--fusion", "all-partitions", "--cache-dir", cache.toString()));
        SweepResult result = (SweepResult) new Workbench().execute(words);
        assertEquals(List.of("unfused", "full"), column(result, "fusion"));
        assertEquals(List.of("groups=0,1", "groups=0-1"), column(result, "schedule"));
        for (SweepRow row : result.rows()) {
            assertEquals(true, row.get("verified"), row.cells().toString());
        }
        words.addAll(List.of("--max-configs", "1"));
        UserError error = assertThrows(UserError.class, () -> new Workbench().execute(words));
        assertTrue(error.getMessage().contains("--fusion all-partitions gives 2^1 partitions of the 2 assignments"),
                error.getMessage());
    }

    @Test
    void decodersComposeTheGptRowsOnly() {
        SweepResult result = sweep("--model zoo:spmm,zoo:gpt3-bigbird --dataset bigbird:block=16 --scale 0.0625"
                + " --fusion full --decoders 3");
        assertEquals(List.of("zoo:spmm", "zoo:gpt3-bigbird"), column(result, "model"));
        assertEquals(java.util.Arrays.asList(null, 3), result.rows().stream().map(r -> r.get("decoders")).toList());
        SweepResult one = sweep("--model zoo:gpt3-bigbird --dataset bigbird:block=16 --scale 0.0625 --fusion full"
                + " --decoders 1");
        assertTrue((Long) result.rows().get(1).get("cycles") > (Long) one.rows().get(0).get("cycles"));
    }

    @Test
    void anMlirModelRunsOnARegisteredDatasetAndOnGeneratedData() throws IOException {
        Path file = Files.writeString(cache.resolveSibling(cache.getFileName() + "-spmm.mlir"), MlirModelCommandTest.SPMM);
        try {
            SweepResult result = sweep("--model " + file + " --dataset karate,generated:density=0.3,dynamic=8"
                    + " --par none,i:2");
            assertEquals(List.of("karate", "karate", "generated:density=0.3,dynamic=8", "generated:density=0.3,dynamic=8"),
                    column(result, "dataset"));
            for (SweepRow row : result.rows()) {
                assertEquals(true, row.get("verified"), row.cells().toString());
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void csvJsonAndOutputFiles() throws IOException {
        String grid = "--model zoo:spmm --dataset " + DATA + " --par none,i:2";
        String csv = sweep(grid + " --csv").plainText();
        List<String> lines = csv.lines().toList();
        assertEquals(3, lines.size());
        assertTrue(lines.get(0).startsWith("model,dataset,fusion,schedule,order,par,values,block,timing,fifo,memory,decoders,cycles"));
        assertTrue(lines.get(1).startsWith("zoo:spmm,\"" + DATA + "\",unfused,groups=0,ikj,none,scalar,,comal,,none,"),
                lines.get(1));
        JsonArray json = JsonParser.parseString(sweep(grid + " --json").plainText()).getAsJsonArray();
        assertEquals(2, json.size());
        assertTrue(json.get(1).getAsJsonObject().get("cycles").getAsLong() > 0);
        assertTrue(json.get(1).getAsJsonObject().get("error").isJsonNull());
        Path out = cache.resolveSibling(cache.getFileName() + "-rows.csv");
        try {
            String printed = sweep(grid + " --csv -o " + out).plainText();
            assertEquals(printed, Files.readString(out));
            UserError again = assertThrows(UserError.class, () -> sweep(grid + " -o " + out));
            assertTrue(again.getMessage().contains("already exists"), again.getMessage());
        } finally {
            Files.deleteIfExists(out);
        }
    }

    @Test
    void progressCountsUpToTheTotal() {
        List<int[]> updates = new ArrayList<>();
        Workbench workbench = new Workbench(() -> false, (task, done, total, detail) -> {
            synchronized (updates) {
                updates.add(new int[] {done, total});
            }
        });
        sweep(workbench, "--model zoo:spmm --dataset " + DATA + " --par none,i:2,i:4 --threads 2");
        assertEquals(0, updates.get(0)[0]);
        assertEquals(3, updates.get(updates.size() - 1)[0]);
        for (int i = 1; i < updates.size(); i++) {
            assertTrue(updates.get(i)[0] > updates.get(i - 1)[0]);
            assertEquals(3, updates.get(i)[1]);
        }
    }

    @Test
    void anInterruptedSweepStopsAndTheNextRunContinuesFromTheCache() {
        AtomicBoolean cancelled = new AtomicBoolean();
        Workbench stopsAfterTheFirst = new Workbench(cancelled::get, (task, done, total, detail) -> {
            if (done >= 1) {
                cancelled.set(true);
            }
        });
        String grid = "--model zoo:spmm --dataset " + DATA + " --par none,i:2,i:4,i:8 --threads 1";
        CancelledException stop = assertThrows(CancelledException.class, () -> sweep(stopsAfterTheFirst, grid));
        assertTrue(stop.getMessage().contains("1 of 4 configurations finished"), stop.getMessage());
        SweepResult resumed = sweep(grid + " --resume");
        assertEquals(1, resumed.cachedCount());
        assertEquals(3, resumed.simulatedCount());
        assertNotNull(resumed.rows().get(3).get("cycles"));
    }
}
