package dev.fuseflow.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.fuseflow.diagnostics.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command grammar shared by ./fuseflow and %fuseflow, tested without a kernel. */
class WorkbenchTest {
    private static final String DATA = "synthetic:rows=300,cols=300,density=0.01,features=8,seed=1";

    private static List<String> words(String line) {
        return List.of(line.trim().split("\\s+"));
    }

    @Test
    void simulateJsonHasTheContractFieldsAndVerifies() {
        CommandOutput out = new Workbench().execute(words("simulate --model zoo:spmm --dataset " + DATA + " --json"));
        JsonObject json = JsonParser.parseString(out.plainText()).getAsJsonObject();
        for (String name : List.of("cycles", "flops", "memory_accesses", "verified", "max_rel_error", "wall_ms",
                "ops", "reduces", "crd_reads", "seg_reads", "val_reads", "crd_writes", "seg_writes", "val_writes",
                "dram_bytes_read", "dram_bytes_written", "tokens", "paper_flops", "paper_memory_accesses", "model",
                "dataset", "fusion", "groups")) {
            assertTrue(json.has(name), name);
        }
        assertTrue(json.get("verified").getAsBoolean());
        assertTrue(json.get("max_rel_error").getAsDouble() <= 1);
        assertEquals(json.get("ops").getAsLong() + json.get("reduces").getAsLong(), json.get("flops").getAsLong());
        assertTrue(out.table().isPresent() && out.chart().isPresent());
        assertTrue(out.table().get().rowCount() > 10);
    }

    @Test
    void sameSeedSameCycles() {
        String a = new Workbench().execute(words("simulate --model zoo:spmm --dataset " + DATA + " --json")).plainText();
        String b = new Workbench().execute(words("simulate --model zoo:spmm --dataset " + DATA + " --json")).plainText();
        JsonObject ja = JsonParser.parseString(a).getAsJsonObject();
        JsonObject jb = JsonParser.parseString(b).getAsJsonObject();
        assertEquals(ja.get("cycles"), jb.get("cycles"));
        assertEquals(ja.get("memory_accesses"), jb.get("memory_accesses"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "simulate --model zoo:nope --dataset x                          | unknown model 'zoo:nope' (accepted: zoo:spmm,",
        "simulate --model zoo:spmm --dataset nope                       | unknown dataset 'nope'",
        "simulate --bogus                                               | unknown option '--bogus' for 'simulate'",
        "frobnicate                                                     | unknown command 'frobnicate' (accepted: simulate, compile, sweep, compare, graph, datasets, bench)",
        "simulate --model zoo:spmm --dataset synthetic:rows=x           | rows=x is not a positive integer",
        "simulate --model zoo:spmm --dataset synthetic:bogus=1          | unknown parameter 'bogus'",
        "simulate --model zoo:spmm --dataset synthetic:rows=9 --fusion partial | fusion 'partial' is not defined for zoo:spmm (accepted: unfused, full",
        "simulate --model zoo:spmm --dataset synthetic:rows=9 --order ijk | order 'ijk' is not a valid dataflow order",
        "simulate --model zoo:spmm --dataset synthetic:rows=9 --timing fast | timing profile 'fast' is unknown (accepted: comal, bounded)",
        "simulate --model zoo:spmm --dataset synthetic:rows=9 --fifo 8  | --fifo applies to --timing bounded only",
        "simulate --model zoo:spmm --dataset synthetic:rows=9 --timing bounded --fifo 1 | --fifo must be an integer of at least 2, not 1",
        "simulate --model zoo:spmm --dataset synthetic:rows=9 --memory dram | unknown memory model 'dram' (accepted: none, comal-hbm, bandwidth[:bytes_per_cycle=32,latency=20,request=32])",
        "simulate --model zoo:spmm --dataset synthetic:rows=9 --memory bandwidth:speed=1 | has a bad parameter 'speed=1' (accepted: bytes_per_cycle=B, latency=L, request=R)",
        "simulate --model zoo:spmm --dataset synthetic:rows=9 --scale 2  | scale 2.0 is outside 0 < S <= 1",
        "simulate --model zoo:spmm --dataset synthetic:rows=9 --par i:0 | parallelization 'i:0' is not V:K",
        "simulate --model zoo:spmm --dataset synthetic:rows=9 --par k:2 | cannot parallelize below 'k'",
        "compile --model zoo:spmm --emit pdf                           | --emit pdf is not available (accepted: summary, schedule, dot, json, comal-proto, comal-proto-text)",
        "compile --model zoo:spmm --emit comal-proto                   | --emit comal-proto writes a binary protobuf, which is not printable; add -o FILE",
        "compile --model zoo:spmm --par i:2 --emit comal-proto-text    | has no Comal protobuf form",
    })
    void badInputIsOneSentenceNamingWhatIsAccepted(String line, String expected) {
        UserError error = assertThrows(UserError.class, () -> new Workbench().execute(words(line)));
        assertTrue(error.getMessage().contains(expected.trim()), error.getMessage());
        assertFalse(error.getMessage().contains("\n"), error.getMessage());
    }

    @Test
    void parallelLanesCutCyclesAndKeepTheValues() {
        JsonObject serial = JsonParser.parseString(new Workbench().execute(words("simulate --model zoo:spmm --dataset "
                + DATA + " --json")).plainText()).getAsJsonObject();
        JsonObject lanes = JsonParser.parseString(new Workbench().execute(words("simulate --model zoo:spmm --dataset "
                + DATA + " --json --par i:4")).plainText()).getAsJsonObject();
        assertTrue(lanes.get("verified").getAsBoolean());
        assertEquals(serial.get("flops"), lanes.get("flops"));
        assertTrue(lanes.get("cycles").getAsLong() * 2 < serial.get("cycles").getAsLong(),
                lanes.get("cycles") + " vs " + serial.get("cycles"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--memory comal-hbm                                   | comal | comal-hbm",
        "--memory bandwidth:bytes_per_cycle=16,latency=4       | comal | bandwidth:bytes_per_cycle=16,latency=4,request=32",
        "--timing bounded --fifo 64                            | bounded | none",
        "--timing bounded --fifo 100000 --memory comal-hbm     | bounded | comal-hbm",
    })
    void timingAndMemoryOptionsReachTheEngine(String options, String timing, String memory) {
        JsonObject base = JsonParser.parseString(new Workbench().execute(words("simulate --model zoo:spmm --dataset "
                + DATA + " --json")).plainText()).getAsJsonObject();
        JsonObject json = JsonParser.parseString(new Workbench().execute(words("simulate --model zoo:spmm --dataset "
                + DATA + " --json " + options)).plainText()).getAsJsonObject();
        assertTrue(json.get("verified").getAsBoolean());
        assertEquals(timing.trim(), json.get("timing").getAsString());
        assertEquals(memory.trim(), json.get("memory").getAsString());
        assertEquals(base.get("flops"), json.get("flops"));
        if (memory.trim().equals("none")) {
            assertEquals(0, json.get("dram_bytes_read").getAsLong());
        } else {
            assertTrue(json.get("dram_bytes_read").getAsLong() > 0);
            assertTrue(json.get("dram_bytes_written").getAsLong() > 0);
            assertTrue(json.get("cycles").getAsLong() > base.get("cycles").getAsLong());
        }
    }

    @Test
    void modeOrderOpensTheInnerProductOrder() {
        String summary = new Workbench().execute(words("compile --model zoo:spmm --mode-order X=1,0 --order jik --emit summary"))
                .plainText();
        assertTrue(summary.contains("order jik (#2 of 2 valid orders: ijk jik)"), summary);
        assertTrue(summary.contains("Reduce=1"), summary);
    }

    @Test
    void dotNamesPrimitivesTensorsAndVariables() {
        String dot = new Workbench().execute(words("compile --model zoo:spmm --emit dot")).plainText();
        assertTrue(dot.startsWith("digraph \"spmm/g0\" {"), dot);
        assertTrue(dot.contains("FiberLookup\\nA.k (compressed)"), dot);
        assertTrue(dot.contains("Locate\\nX.k"), dot);
        assertTrue(dot.contains("Spacc1\\nj over k"), dot);
        assertTrue(dot.contains("[label=\"crd A.k\"]"), dot);
    }

    @Test
    void outputFileIsWrittenOnceAndNeverOverwritten(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("run.json");
        new Workbench().execute(words("simulate --model zoo:spmm --dataset " + DATA + " -o " + file));
        assertTrue(Files.readString(file).contains("\"verified\":true"));
        Files.writeString(file, "mine");
        UserError error = assertThrows(UserError.class,
                () -> new Workbench().execute(words("simulate --model zoo:spmm --dataset " + DATA + " -o " + file)));
        assertTrue(error.getMessage().contains("already exists"));
        assertEquals("mine", Files.readString(file));
    }

    @Test
    void comalFilesOfSeveralGroupsCarryTheGroupBeforeTheExtension() {
        assertEquals("out/gcn.g1.bin", CompilationRunner.groupFile("out/gcn.bin", 1));
        assertEquals("graphs/gcn.proto.g2.txt", CompilationRunner.groupFile("graphs/gcn.proto.txt", 2));
        assertEquals("dir.v2/graph.g3", CompilationRunner.groupFile("dir.v2/graph", 3));
        assertEquals(".hidden.g0", CompilationRunner.groupFile(".hidden", 0));
    }

    @Test
    void cancelFlagStopsASimulation() {
        AtomicBoolean cancel = new AtomicBoolean(true);
        assertThrows(CancelledException.class,
                () -> new Workbench(cancel::get).execute(words("simulate --model zoo:spmm --dataset " + DATA)));
    }

    @Test
    void helpListsCommandsAndOptions() {
        assertTrue(new Workbench().execute(words("simulate --help")).plainText().contains("--dataset"));
        assertTrue(new Workbench().execute(List.of("help")).plainText().contains("compile"));
    }
}
