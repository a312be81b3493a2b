package dev.fuseflow.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.fuseflow.compiler.run.GroupResult;
import dev.fuseflow.compiler.run.RunResult;
import dev.fuseflow.diagnostics.UserError;
import dev.fuseflow.simulator.engine.EngineOptions;
import dev.fuseflow.simulator.engine.ValueMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * GPT-3 in block-timing mode (BlockTimedAttention): the block-sized groups run on the mask's block grid with block
 * latencies, everything else element by element with scalar timing, the same for every block size.
 */
class BlockTimedAttentionTest {
    /** Sequence 128 at every block size: blocks of 2, 4 and 8 elements (64, 32 and 16 blocks per row). */
    private static final double SCALE = 0.125;

    @BeforeEach
    void forgetSharedRuns() {
        SharedRuns.clear();
    }

    private static JsonObject report(String fusion, int block, String values) {
        String line = "simulate --model zoo:gpt3-bigbird --dataset bigbird:block=" + block + " --scale " + SCALE
                + " --fusion " + fusion + (values.equals("scalar") ? "" : " --values " + values + " --block " + block)
                + " --json";
        return JsonParser.parseString(new Workbench().execute(List.of(line.split(" "))).plainText()).getAsJsonObject();
    }

    private static Map<Integer, JsonObject> groups(JsonObject report) {
        Map<Integer, JsonObject> groups = new LinkedHashMap<>();
        for (JsonElement g : report.getAsJsonArray("groups")) {
            groups.put(g.getAsJsonObject().get("group").getAsInt(), g.getAsJsonObject());
        }
        return groups;
    }

    /** The schedule groups of each preset that take a block size (paper steps #5–#8). */
    private static List<Integer> blockSized(String fusion) {
        return fusion.equals("unfused") ? List.of(4, 5, 6, 7) : List.of(1);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"unfused", "partial", "full"})
    void elementGroupsAreScalarAndTheSameForEveryBlockSize(String fusion) {
        JsonObject scalar = report(fusion, 16, "scalar");
        Map<Integer, JsonObject> scalarGroups = groups(scalar);
        List<Long> attentionCycles = new ArrayList<>();
        for (int block : new int[] {16, 32, 64}) {
            JsonObject timed = report(fusion, block, "block-timing");
            assertTrue(timed.get("verified").getAsBoolean(), timed.toString());
            assertEquals(scalarGroups.size(), groups(timed).size());
            long attention = 0;
            for (var entry : groups(timed).entrySet()) {
                JsonObject group = entry.getValue();
                assertEquals(blockSized(fusion).contains(entry.getKey()) ? "block-timing" : "scalar",
                        group.get("values").getAsString(), "group " + entry.getKey());
                if (blockSized(fusion).contains(entry.getKey())) {
                    attention += group.get("cycles").getAsLong();
                    continue;
                }
                for (String statistic : List.of("cycles", "flops", "memory_accesses", "tokens")) {
                    assertEquals(scalarGroups.get(entry.getKey()).get(statistic), group.get(statistic),
                            "group " + entry.getKey() + " " + statistic + " at block " + block);
                }
            }
            attentionCycles.add(attention);
        }
        // the block grid is the mask's: 64, 32 and 16 blocks per row give three different attention costs
        assertEquals(3, attentionCycles.stream().distinct().count(), attentionCycles.toString());
    }

    @Test
    void blockSizedGroupsStreamOneTokenPerBlock() {
        // the fused attention at block 64 (16×16 blocks of 8, head dimension 8 → 1 block) against the same
        // group streamed element by element: far fewer operations, each Mul taking 64 cycles to start
        JsonObject scalar = report("partial", 64, "scalar");
        JsonObject timed = report("partial", 64, "block-timing");
        long elementFlops = groups(scalar).get(1).get("flops").getAsLong();
        long blockFlops = groups(timed).get(1).get("flops").getAsLong();
        assertTrue(blockFlops * 50 < elementFlops, blockFlops + " block-level vs " + elementFlops + " element-level");
        assertEquals("block-timing", timed.get("values").getAsString());
        assertEquals(64, timed.get("block").getAsInt());
    }

    @Test
    void theElementLevelRunIsSimulatedOnceForAllBlockSizes() {
        List<RunResult> runs = new ArrayList<>();
        for (int block : new int[] {16, 64}) {
            ProgramOptions program = new ProgramOptions();
            program.model = "zoo:gpt3-bigbird";
            program.fusion = "partial";
            program.order = "auto";
            program.values = "block-timing";
            program.block = block;
            DataOptions data = new DataOptions();
            data.dataset = "bigbird:block=" + block;
            data.scale = SCALE;
            data.seed = 1;
            ResolvedModel.Bound bound = ResolvedModel.forSimulation(program, data);
            EngineOptions options = EngineOptions.DEFAULT.withValues(ValueMode.BLOCK_TIMING, block);
            runs.add(SimulationRunner.simulate(program.model, bound, "auto", options, null, () -> false).run());
        }
        for (int element : List.of(0, 2, 3)) {
            GroupResult first = runs.get(0).groups().get(element);
            assertSame(first.simulation(), runs.get(1).groups().get(element).simulation(), "group " + element);
        }
        assertNotEquals(runs.get(0).groups().get(1).simulation().statistics(),
                runs.get(1).groups().get(1).simulation().statistics());
    }

    @Test
    void theFullPresetsLastDecoderIsThePartialPresetsTailGroup() {
        // the same group (#9–#18) reading only inputs: simulated once, so its wall time is the same to the microsecond
        JsonObject partial = reportOf("partial");
        JsonObject full = reportOf("full");
        JsonObject tail = partPart(partial, "tail");
        JsonObject last = partPart(full, "last");
        for (String statistic : List.of("cycles", "flops", "tokens", "wall_ms")) {
            assertEquals(tail.get(statistic), last.get(statistic), statistic);
        }
        assertEquals(partPart(partial, "first").get("wall_ms"), partPart(full, "first").get("wall_ms"));
    }

    private static JsonObject reportOf(String fusion) {
        String line = "simulate --model zoo:gpt3-bigbird --dataset bigbird:block=32 --scale " + SCALE + " --fusion "
                + fusion + " --values block-timing --block 32 --decoders 12 --json";
        return JsonParser.parseString(new Workbench().execute(List.of(line.split(" "))).plainText()).getAsJsonObject();
    }

    private static JsonObject partPart(JsonObject report, String part) {
        for (JsonElement g : report.getAsJsonArray("groups")) {
            if (g.getAsJsonObject().get("part").getAsString().equals(part)) {
                return g.getAsJsonObject();
            }
        }
        throw new AssertionError("no " + part + " group in " + report);
    }

    @Test
    void theLatencyBlockMustBeTheMasks() {
        UserError error = assertThrows(UserError.class, () -> new Workbench().execute(List.of("simulate", "--model",
                "zoo:gpt3-bigbird", "--dataset", "bigbird:block=16", "--scale", "0.125", "--values", "block-timing",
                "--block", "32")));
        assertEquals("--block 32 does not match the mask's block size 16 (bigbird:block=16); block-timing runs the "
                + "attention on the mask's blocks, so give both the same size", error.getMessage());
    }

    private static List<SweepPoint> grid(String... args) {
        SweepOptions options = new SweepOptions();
        new CommandLine(options).parseArgs(args);
        return SweepGrid.parse(options, "unfused", MemoryBudget.ofHeap()).expand(() -> false);
    }

    @Test
    void aSweepPairsEachMaskWithItsBlockSize() {
        List<SweepPoint> points = grid("--model", "zoo:gpt3-bigbird", "--dataset", "bigbird:block=16,bigbird:block=64",
                "--block", "16,64", "--fusion", "partial", "--scale", "0.125");
        assertEquals(List.of("bigbird:block=16 16", "bigbird:block=64 64"), points.stream()
                .map(p -> p.coordinates().get("dataset") + " " + p.coordinates().get("block")).toList());
        // a mask with no block of its own in the list keeps its rows, which say what is wrong when they run
        assertEquals(2, grid("--model", "zoo:gpt3-bigbird", "--dataset", "bigbird:block=32", "--block", "16,64",
                "--fusion", "partial", "--scale", "0.125").size());
    }

    @Test
    void aSweepRunsDifferentElementPartsSideBySide() {
        List<SweepPoint> points = grid("--model", "zoo:gpt3-bigbird", "--dataset", "bigbird:block=16,bigbird:block=32",
                "--block", "16", "--fusion", "unfused,partial", "--scale", "0.125");
        assertEquals(4, points.size());
        // both unfused first (as longest first would put them): the second waits for the first's element run
        List<Integer> unfusedFirst = new ArrayList<>();
        List<Integer> partial = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            (points.get(i).coordinates().get("fusion").equals("unfused") ? unfusedFirst : partial).add(i);
        }
        unfusedFirst.addAll(partial);
        List<Integer> order = SweepRunner.sharedLast(points, unfusedFirst);
        assertEquals(List.of(unfusedFirst.get(0), unfusedFirst.get(2), unfusedFirst.get(1), unfusedFirst.get(3)), order);
    }
}
