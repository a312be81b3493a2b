package dev.fuseflow.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.fuseflow.diagnostics.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --model einsum:'...'} and einsum files ({@code .ein}) with {@code --dataset generated}. */
class EinsumModelCommandTest {
    private static final String LAYER = """
            # program layer
            A: csr [40, 30]
            X: dense [30, 8]
            T: dcsr [40, 8]
            Y: dcsr [40, 8]
            T(i,j) = A(i,k) * X(k,j)
            Y(i,j) = relu(T(i,j))
            """;

    @TempDir
    Path dir;

    private static JsonObject simulate(List<String> words) {
        List<String> all = new ArrayList<>(words);
        all.add("--json");
        return JsonParser.parseString(new Workbench().execute(all).plainText()).getAsJsonObject();
    }

    private Path layerFile() throws IOException {
        Path file = dir.resolve("layer.ein");
        Files.writeString(file, LAYER);
        return file;
    }

    @Test
    void inlineProgramRunsOnGeneratedDataAndVerifies() {
        JsonObject run = simulate(List.of("simulate", "--model",
                "einsum:A: csr [40, 30]; X: dense [30, 8]; Y: dense [40, 8]; Y(i,j) = A(i,k) * X(k,j)",
                "--dataset", "generated:density=0.2"));
        assertTrue(run.get("verified").getAsBoolean(), run.toString());
        assertTrue(run.get("flops").getAsLong() > 0);
    }

    @Test
    void fileProgramFusesAndScales() throws IOException {
        String file = layerFile().toString();
        JsonObject unfused = simulate(List.of("simulate", "--model", file, "--dataset", "generated", "--fusion", "unfused"));
        JsonObject full = simulate(List.of("simulate", "--model", file, "--dataset", "generated", "--fusion", "full"));
        JsonObject half = simulate(List.of("simulate", "--model", file, "--dataset", "generated", "--fusion", "full",
                "--scale", "0.5"));
        assertTrue(unfused.get("verified").getAsBoolean() && full.get("verified").getAsBoolean());
        assertEquals(2, unfused.getAsJsonArray("groups").size());
        assertEquals(1, full.getAsJsonArray("groups").size());
        assertTrue(half.get("cycles").getAsLong() < full.get("cycles").getAsLong(), "a half-size program runs faster");
    }

    @Test
    void mistakesGetOneSentence() throws IOException {
        String file = layerFile().toString();
        UserError dataset = assertThrows(UserError.class, () -> new Workbench().execute(List.of("simulate", "--model",
                file, "--dataset", "cora")));
        assertTrue(dataset.getMessage().contains("cannot feed the einsum model"), dataset.getMessage());
        UserError syntax = assertThrows(UserError.class, () -> new Workbench().execute(List.of("simulate", "--model",
                "einsum:A: csr [4, 4]; Y: dense [4, 4]; Y(i,j) = A(i,j) +", "--dataset", "generated")));
        assertTrue(syntax.getMessage().startsWith("<einsum>:3:"), syntax.getMessage());
        UserError missing = assertThrows(UserError.class, () -> new Workbench().execute(List.of("simulate", "--model",
                dir.resolve("nope.ein").toString(), "--dataset", "generated")));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
        UserError partial = assertThrows(UserError.class, () -> new Workbench().execute(List.of("simulate", "--model",
                file, "--dataset", "generated", "--fusion", "partial")));
        assertTrue(partial.getMessage().contains("unfused, full"), partial.getMessage());
    }

    @Test
    void theResolvedScheduleCompilesBackToTheSameGraphs() throws IOException {
        String file = layerFile().toString();
        String shown = new Workbench().execute(List.of("compile", "--model", file, "--fusion", "unfused", "--par", "i:2",
                "--emit", "schedule")).plainText();
        String line = shown.lines().filter(l -> l.startsWith("schedule ")).findFirst().orElseThrow();
        assertEquals("schedule fusion=unfused order=g0:ikj,g1:ij par=i:2", line);
        String direct = new Workbench().execute(List.of("compile", "--model", file, "--fusion", "unfused", "--par", "i:2",
                "--emit", "json")).plainText();
        String again = new Workbench().execute(List.of("compile", "--model", file, "--schedule",
                line.substring("schedule ".length()), "--emit", "json")).plainText();
        assertEquals(direct, again);
        UserError both = assertThrows(UserError.class, () -> new Workbench().execute(List.of("compile", "--model", file,
                "--schedule", "fusion=full", "--order", "ikj")));
        assertTrue(both.getMessage().contains("not both"), both.getMessage());
    }
}
