package dev.fuseflow.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The GNN and autoencoder zoo models bound to their datasets through the simulate command. */
class ZooModelsWorkbenchTest {

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource(delimiter = '|', value = {
        "zoo:gcn       | karate                 | 2",
        "zoo:graphsage | karate                 | 2",
        "zoo:sae       | imagenet --scale 0.001 | 2",
    })
    void partialFusionVerifiesOnTheModelsDataset(String model, String dataset, int groups) {
        String line = "simulate --model " + model.trim() + " --dataset " + dataset.trim() + " --fusion partial --json";
        JsonObject json = JsonParser.parseString(new Workbench().execute(List.of(line.split("\\s+"))).plainText())
                .getAsJsonObject();
        assertTrue(json.get("verified").getAsBoolean(), json.toString());
        assertTrue(json.get("flops").getAsLong() > 0, json.toString());
        assertEquals(groups, json.getAsJsonArray("groups").size(), json.toString());
    }
}
