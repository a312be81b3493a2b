package dev.fuseflow.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.fuseflow.diagnostics.UserError;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code simulate --values scalar|block-timing|true-block --block B}: what runs, what the report says, what is refused. */
class ValueModeOptionsTest {
    private static final String RUN = "simulate --model zoo:spmm --dataset "
            + "synthetic:rows=200,cols=200,density=0.02,features=8,seed=3 --json";

    private static JsonObject simulate(String options) {
        String line = RUN + " " + options;
        return JsonParser.parseString(new Workbench().execute(List.of(line.trim().split("\\s+"))).plainText())
                .getAsJsonObject();
    }

    @Test
    void blockTimingChangesOnlyTheTimingAndTheReportSaysSo() {
        JsonObject scalar = simulate("");
        assertEquals("scalar", scalar.get("values").getAsString());
        assertEquals(1, scalar.get("block").getAsInt());
        long previous = scalar.get("cycles").getAsLong();
        for (int block : new int[] {16, 32, 64}) {
            JsonObject blocked = simulate("--values block-timing --block " + block);
            assertEquals("block-timing", blocked.get("values").getAsString());
            assertEquals(block, blocked.get("block").getAsInt());
            assertTrue(blocked.get("verified").getAsBoolean(), "values stay scalar, so the result still verifies");
            assertEquals(scalar.get("flops"), blocked.get("flops"));
            assertEquals(scalar.get("memory_accesses"), blocked.get("memory_accesses"));
            long cycles = blocked.get("cycles").getAsLong();
            assertTrue(cycles > previous, "b=" + block + ": " + cycles + " cycles after " + previous);
            previous = cycles;
        }
    }

    @Test
    void trueBlockRunsCompiledModelsOnTilesAndVerifies() {
        for (int block : new int[] {16, 32}) {
            JsonObject tiles = simulate("--values true-block --block " + block);
            assertEquals("true-block", tiles.get("values").getAsString());
            assertEquals(block, tiles.get("block").getAsInt());
            assertTrue(tiles.get("verified").getAsBoolean(), tiles.toString());
        }
        UserError vector = assertThrows(UserError.class, () -> new Workbench().execute(List.of("simulate", "--model",
                "einsum:A: dense [8, 8]; b: dense [8]; Y: dense [8, 8]; Y(i,j) = A(i,j) + b(j)", "--dataset",
                "generated", "--values", "true-block", "--block", "16")));
        assertTrue(vector.getMessage().contains("b has rank 1"), vector.getMessage());
    }

    @Test
    void blockModesAnnounceTheirStreamShapeInComalExports() {
        String scalar = new Workbench().execute(List.of("compile", "--model", "zoo:spmm", "--emit", "comal-proto-text"))
                .plainText();
        String blocked = new Workbench().execute(List.of("compile", "--model", "zoo:spmm", "--values", "true-block",
                "--block", "32", "--emit", "comal-proto-text")).plainText();
        assertFalse(scalar.contains("stream_shape"), "scalar graphs leave the field unset, as the original does");
        assertEquals(2, blocked.split("stream_shape: 32", -1).length - 1, "one per value load: " + blocked);
        assertTrue(blocked.contains("blocked: true"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--values blocks                                 | value mode 'blocks' is unknown (accepted: scalar, block-timing, true-block)",
        "--block 16                                      | --block 16 applies to --values block-timing or true-block only",
        "--values block-timing                           | --values block-timing needs --block B with one of Comal's block sizes (accepted: 16, 32, 64)",
        "--values block-timing --block 8                 | needs --block B with one of Comal's block sizes, not 8",
        "--values block-timing --block 16 --memory comal-hbm | --values block-timing runs without a memory model",
    })
    void badValueOptionsAreOneSentence(String options, String expected) {
        UserError error = assertThrows(UserError.class, () -> simulate(options));
        assertTrue(error.getMessage().contains(expected.trim()), error.getMessage());
        assertFalse(error.getMessage().contains("\n"), error.getMessage());
    }
}
