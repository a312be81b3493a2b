package dev.fuseflow.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.fuseflow.diagnostics.UserError;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetsCommandTest {

    @Test
    void listsEveryCardAsATable() {
        CommandOutput out = new Workbench().execute(List.of("datasets"));
        assertEquals(10, out.table().orElseThrow().rowCount());
        String text = out.plainText();
        for (String name : List.of("cora", "cora_ml", "dblp", "collab", "mag", "karate", "imagenet", "nih_cxr", "luna16",
                "bigbird")) {
            assertTrue(text.contains(name), name);
        }
        assertTrue(text.contains("2,358,104 directed edges (1,179,052 undirected) (uncertain)"), text);
    }

    @Test
    void jsonHasTheCardFields() {
        String text = new Workbench().execute(List.of("datasets", "--json")).plainText();
        JsonArray cards = JsonParser.parseString(text).getAsJsonArray();
        assertEquals(10, cards.size());
        JsonObject mag = cards.get(4).getAsJsonObject();
        assertEquals("mag", mag.get("name").getAsString());
        assertTrue(mag.get("sizes").getAsJsonArray().get(1).getAsJsonObject().get("uncertain").getAsBoolean());
        for (String field : List.of("kind", "title", "source", "generator", "scale_rule", "parameters", "uncertain",
                "full_scale_bytes")) {
            assertTrue(mag.has(field), field);
        }
        JsonObject one = JsonParser.parseString(new Workbench().execute(List.of("datasets", "bigbird", "--json"))
                .plainText()).getAsJsonObject();
        assertEquals("bigbird", one.get("name").getAsString());
    }

    @Test
    void oneNameShowsTheWholeCard() {
        String text = new Workbench().execute(List.of("datasets", "karate")).plainText();
        assertTrue(text.contains("Zachary"), text);
        assertTrue(text.contains("--scale:"), text);
        UserError error = assertThrows(UserError.class, () -> new Workbench().execute(List.of("datasets", "nope")));
        assertTrue(error.getMessage().startsWith("unknown dataset 'nope' (accepted: cora, cora_ml"), error.getMessage());
    }
}
