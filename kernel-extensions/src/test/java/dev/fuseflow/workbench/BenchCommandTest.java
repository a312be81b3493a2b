package dev.fuseflow.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.fuseflow.diagnostics.UserError;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code bench --quick} prints one well-formed JSON object per graph (no speed is asserted here). */
class BenchCommandTest {

    @Test
    void quickBenchPrintsOneJsonObjectPerGraph() {
        String text = new Workbench().execute(List.of("bench", "--quick", "--repeat", "2", "--warmup", "1")).plainText();
        List<String> lines = text.lines().toList();
        assertEquals(BenchSuite.quick().size(), lines.size(), text);
        for (int i = 0; i < lines.size(); i++) {
            JsonObject json = JsonParser.parseString(lines.get(i)).getAsJsonObject();
            assertEquals(BenchSuite.quick().get(i).name(), json.get("graph").getAsString());
            for (String field : List.of("tokens", "cycles", "wall_ms", "tokens_per_s", "cycles_per_s")) {
                assertTrue(json.has(field), field);
                assertTrue(json.get(field).getAsDouble() >= 0, field);
            }
            assertTrue(json.get("tokens").getAsLong() > 0);
            assertTrue(json.get("cycles").getAsLong() > 0);
        }
    }

    @Test
    void unknownGraphIsAUserError() {
        UserError error = org.junit.jupiter.api.Assertions.assertThrows(UserError.class,
                () -> new Workbench().execute(List.of("bench", "--quick", "--graph", "nope")));
        assertTrue(error.getMessage().contains("spmm-quick"), error.getMessage());
    }
}
