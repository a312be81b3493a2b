package dev.fuseflow.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.fuseflow.diagnostics.UserError;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** zoo:gpt3-bigbird through simulate: the BigBird dataset binds it, and --decoders composes whole models. */
class Gpt3BigBirdWorkbenchTest {
    /** bigbird:block=16 at scale 1/16: seq 64 in blocks of 1 (64 blocks per row), so 2 heads × 4, d 8. */
    private static final String TINY = "simulate --model zoo:gpt3-bigbird --dataset bigbird:block=16 --scale 0.0625";

    private static JsonObject json(String line) {
        return JsonParser.parseString(new Workbench().execute(List.of(line.trim().split("\\s+"))).plainText())
                .getAsJsonObject();
    }

    /** Σ over the groups of a statistic times the group's multiplicity. */
    private static long composed(JsonObject report, String statistic) {
        long sum = 0;
        for (JsonElement element : report.getAsJsonArray("groups")) {
            JsonObject group = element.getAsJsonObject();
            sum += group.get(statistic).getAsLong() * group.get("multiplicity").getAsLong();
        }
        return sum;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"partial", "full"})
    void twelveDecodersAreComposedFromTheSimulatedGroups(String fusion) {
        JsonObject report = json(TINY + " --fusion " + fusion + " --decoders 12 --json");
        assertTrue(report.get("verified").getAsBoolean(), report.toString());
        assertTrue(report.get("composed").getAsBoolean());
        assertEquals(12, report.get("decoders").getAsInt());
        assertEquals("1·first + 12·attention + 11·fused-tail + 1·last", report.get("composition").getAsString());
        for (String statistic : List.of("cycles", "flops", "memory_accesses")) {
            assertEquals(composed(report, statistic), report.get(statistic).getAsLong(), statistic);
        }
        List<String> parts = report.getAsJsonArray("groups").asList().stream()
                .map(g -> g.getAsJsonObject().get("part").getAsString()).toList();
        assertEquals(fusion.equals("partial") ? List.of("first", "attention", "tail", "next-first")
                : List.of("first", "attention", "fused-tail", "last"), parts);
    }

    @Test
    void oneDecoderWithoutDecodersIsNotComposed() {
        JsonObject report = json(TINY + " --fusion partial --json");
        assertTrue(report.get("verified").getAsBoolean(), report.toString());
        assertFalse(report.get("composed").getAsBoolean());
        assertEquals(4, report.getAsJsonArray("groups").size());
        JsonObject twelve = json(TINY + " --fusion partial --decoders 12 --json");
        assertTrue(twelve.get("cycles").getAsLong() > 10 * report.get("cycles").getAsLong() / 2);
    }

    @Test
    void blockTimingRunsTheModel() {
        JsonObject scalar = json(TINY + " --fusion partial --json");
        JsonObject blocks = json(TINY + " --fusion partial --values block-timing --block 16 --json");
        assertTrue(blocks.get("verified").getAsBoolean(), blocks.toString());
        assertEquals("block-timing", blocks.get("values").getAsString());
        assertEquals(16, blocks.get("block").getAsInt());
        assertEquals(scalar.get("flops"), blocks.get("flops"));
        assertTrue(blocks.get("cycles").getAsLong() > scalar.get("cycles").getAsLong(),
                blocks.get("cycles") + " vs " + scalar.get("cycles"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        TINY + " --fusion partial --decoders 0   | --decoders must be a positive number of decoders (the paper composes 12), not 0",
        TINY + " --fusion partial --decoders -2  | --decoders must be a positive number of decoders (the paper composes 12), not -2",
        "simulate --model zoo:spmm --dataset synthetic:rows=9 --decoders 12 | --decoders applies to zoo:gpt3-bigbird only, not to zoo:spmm",
        TINY + " --fusion groups=0-7,8-13,14-26,27-32 --decoders 2 | group g0 (assignments 0-7) does not",
        "simulate --model zoo:gpt3-bigbird --dataset karate | does not give the dimension 'seq' that zoo:gpt3-bigbird needs",
    })
    void badDecoderRequestsAreOneSentence(String line, String expected) {
        UserError error = assertThrows(UserError.class, () -> new Workbench().execute(List.of(line.trim().split("\\s+"))));
        assertTrue(error.getMessage().contains(expected.trim()), error.getMessage());
        assertFalse(error.getMessage().contains("\n"), error.getMessage());
    }
}
