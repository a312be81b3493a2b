package dev.fuseflow.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.fuseflow.diagnostics.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --model FILE.mlir} (and chained split files) with {@code --dataset generated}, through the command grammar. */
class MlirModelCommandTest {
    static final String SPMM = """
            #S = #sparse_tensor.encoding<{ map = (i, j) -> (i : compressed, j : compressed) }>
            func.func @spmm(%a: tensor<40x40xf32, #S>, %x: tensor<40x?xf32>, %out: tensor<40x?xf32>) -> tensor<40x?xf32> {
              %0 = linalg.matmul ins(%a, %x : tensor<40x40xf32, #S>, tensor<40x?xf32>) outs(%out : tensor<40x?xf32>) -> tensor<40x?xf32>
              return %0 : tensor<40x?xf32>
            }
            """;
    static final String BIAS_RELU = """
            #map = affine_map<(d0, d1) -> (d0, d1)>
            #bias = affine_map<(d0, d1) -> (d1)>
            func.func @bias_relu(%h: tensor<40x8xf32>, %out: tensor<40x8xf32>) -> tensor<40x8xf32> {
              %b = arith.constant dense_resource<__elided__> : tensor<8xf32>
              %c0 = arith.constant 0.0 : f32
              %0 = linalg.generic {indexing_maps = [#map, #bias, #map], iterator_types = ["parallel", "parallel"]} ins(%h, %b : tensor<40x8xf32>, tensor<8xf32>) outs(%out : tensor<40x8xf32>) {
              ^bb0(%in: f32, %in_1: f32, %o: f32):
                %1 = arith.addf %in, %in_1 : f32
                %2 = arith.maximumf %1, %c0 : f32
                linalg.yield %2 : f32
              } -> tensor<40x8xf32>
              return %0 : tensor<40x8xf32>
            }
            """;

    @TempDir
    Path dir;

    private static List<String> words(String line) {
        return List.of(line.trim().split("\\s+"));
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private static JsonObject simulate(String line) {
        CommandOutput out = new Workbench().execute(words(line));
        return JsonParser.parseString(out.plainText()).getAsJsonObject();
    }

    @Test
    void anMlirFileSimulatesOnGeneratedDataAndVerifies() throws IOException {
        Path file = write("spmm.mlir", SPMM);
        JsonObject json = simulate("simulate --model " + file + " --dataset generated:density=0.2,seed=3,dynamic=8 --json");
        assertTrue(json.get("verified").getAsBoolean(), json.toString());
        assertEquals("generated:density=0.2,seed=3,dynamic=8", json.get("dataset").getAsString());
        assertTrue(json.get("cycles").getAsLong() > 0);
    }

    @Test
    void theTextReportStartsWithTheReadersWarnings() throws IOException {
        Path file = write("spmm.mlir", SPMM);
        String text = new Workbench().execute(words("simulate --model " + file + " --dataset generated:a.0=6"))
                .plainText();
        assertTrue(text.startsWith("warning: dimension a.0 is declared 40 and rebound to 6\n"
                + "warning: dynamic dimension x.1 has no binding and gets size 16\n"), text);
    }

    @Test
    void splitFilesChainAndRunOneGroupPerFile() throws IOException {
        Path first = write("aggregate.mlir", SPMM);
        Path second = write("bias_relu.mlir", BIAS_RELU);
        JsonObject json = simulate("simulate --model " + first + "," + second
                + " --dataset generated:density=1,dynamic=8 --fusion files --json");
        assertTrue(json.get("verified").getAsBoolean(), json.toString());
        assertEquals(2, json.getAsJsonArray("groups").size());
        String summary = new Workbench().execute(words("compile --model " + first + "," + second + " --fusion full"))
                .plainText();
        assertTrue(summary.contains("aggregate_v0") && summary.contains("bias_relu_v0"), summary);
    }

    @Test
    void aFixtureOfTheOriginalRunsScaledDown() {
        Path root = Paths.get(System.getProperty("fuseflow.repoRoot", Paths.get("").toAbsolutePath().toString()));
        Path file = root.resolve("../shared/fixtures/fuseflow-mlir/models/gcn_unfused/gcn_softmax.mlir").normalize();
        assumeTrue(Files.isRegularFile(file), "MLIR fixtures not found at " + file + "; skipping");
        JsonObject json = simulate("simulate --model " + file + " --dataset generated --scale 0.05 --json");
        assertTrue(json.get("verified").getAsBoolean(), json.toString());
    }

    @Test
    void aRegisteredDatasetFeedsTheSparseMatrixAndItsFeatures() throws IOException {
        Path file = write("spmm.mlir", SPMM);
        CommandOutput out = new Workbench().execute(words("simulate --model " + file + " --dataset karate"));
        assertTrue(out.plainText().contains("warning: dimension"), "static 40 rebound to karate's 34: " + out.plainText());
        JsonObject json = simulate("simulate --model " + file + " --dataset karate --json");
        assertTrue(json.get("verified").getAsBoolean(), json.toString());
        assertEquals("karate", json.get("dataset").getAsString());
        assertTrue(json.get("flops").getAsLong() >= 156 * 34, "every adjacency entry meets every feature column");
    }

    @Test
    void mistakesAreOneSentence() throws IOException {
        Path file = write("spmm.mlir", SPMM);
        Path broken = write("broken.mlir", SPMM.replace("linalg.matmul", "linalg.matmull"));
        String[][] cases = {
            {"simulate --model " + dir.resolve("nope.mlir") + " --dataset generated", "MLIR file '" + dir.resolve("nope.mlir")
                    + "' does not exist"},
            {"simulate --model " + write("dense.mlir", BIAS_RELU) + " --dataset karate",
                    "has no sparse square input (rank 2, a compressed level) to take the dataset's matrix"},
            {"simulate --model " + file + " --dataset generated:bogus=1", "unknown parameter 'bogus' for dataset 'generated'"},
            {"simulate --model " + file + " --dataset generated --fusion partial",
                "(accepted: unfused, files, full, groups=0-1,2)"},
            {"simulate --model " + broken + " --dataset generated", broken + ":3:8: unsupported op 'linalg.matmull'"},
            {"simulate --model nonsense --dataset generated", "model 'nonsense' is neither a zoo model nor an MLIR or einsum program"},
        };
        for (String[] c : cases) {
            UserError error = assertThrows(UserError.class, () -> new Workbench().execute(words(c[0])), c[0]);
            assertTrue(error.getMessage().contains(c[1]), error.getMessage());
            assertFalse(error.getMessage().contains("\n"), error.getMessage());
        }
    }
}
