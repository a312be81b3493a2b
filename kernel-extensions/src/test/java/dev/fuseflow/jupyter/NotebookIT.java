package dev.fuseflow.jupyter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.fuseflow.process.ProcessResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * End to end, after {@code package}: the shaded jar installed as a private kernel (with
 * {@link KernelInstaller}) into a temporary Jupyter directory, and Debian's {@code nbconvert --execute} running
 * every notebook in notebooks/. A notebook passes when it executes without an error output and every claim
 * check (a code cell that prints "claim holds") printed it; the paper notebooks fail themselves when our
 * numbers do not reproduce the paper's claim. They run at their reduced CI scale: FUSEFLOW_NOTEBOOK_SCALE is
 * removed from the environment. Results and datasets are cached in a temporary directory, so every run
 * simulates. Executed copies are written to the temporary directory only.
 */
class NotebookIT {

    private static final String KERNEL = "fuseflow-it";
    /** What a claim-check cell prints when the paper's claim holds (the paper notebooks' convention). */
    private static final String CLAIM_HOLDS = "claim holds";
    /** The notebooks that reproduce the paper's evaluation (issue 8); each must exist and check its claim. */
    private static final List<String> PAPER_NOTEBOOKS = List.of("fig12-fusion-speedups", "fig14-gcn-flops-memory",
            "fig15-parallelization", "fig16-block-sparse", "fig17-dataflow-order", "heuristic-pruning");

    @TempDir
    static Path jupyterDir;
    private static Map<String, String> env;

    @BeforeAll
    static void installKernel() {
        if (!Files.isExecutable(JupyterTooling.JUPYTER)) {
            return; // each test skips (or fails, when Jupyter is required) with the message
        }
        env = new HashMap<>(JupyterTooling.installPrivateKernel(jupyterDir, KERNEL));
        env.remove("FUSEFLOW_NOTEBOOK_SCALE");
        env.put("FUSEFLOW_CACHE", jupyterDir.resolve("cache").toString());
    }

    static Stream<String> notebooks() throws IOException {
        try (Stream<Path> files = Files.list(JupyterTooling.repoRoot().resolve("notebooks"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".ipynb"))
                    .map(n -> n.substring(0, n.length() - ".ipynb".length())).sorted().toList().stream();
        }
    }

    @Test
    void everyPaperNotebookIsThere() throws IOException {
        List<String> present = notebooks().toList();
        for (String notebook : PAPER_NOTEBOOKS) {
            assertTrue(present.contains(notebook), () -> "notebooks/" + notebook + ".ipynb among " + present);
            JsonObject source = JsonParser.parseString(Files.readString(notebookPath(notebook))).getAsJsonObject();
            assertFalse(claimChecks(source).isEmpty(), () -> notebook + " has a cell that prints '" + CLAIM_HOLDS + "'");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notebooks")
    void notebookRunsWithoutErrorsAndItsClaimsHold(String notebook, @TempDir Path dir) throws Exception {
        JupyterTooling.requireOrSkip(Files.isExecutable(JupyterTooling.JUPYTER), JupyterTooling.JUPYTER_MISSING);
        JsonObject executed = execute(notebook, dir);

        List<JsonObject> outputs = outputs(executed.getAsJsonArray("cells"));
        assertTrue(outputs.stream().noneMatch(o -> o.get("output_type").getAsString().equals("error")),
                () -> notebook + ": no error outputs: " + outputs);
        for (JsonObject cell : claimChecks(executed)) {
            String printed = streamText(cell);
            assertTrue(printed.contains(CLAIM_HOLDS), () -> notebook + ": claim-check cell '" + cell.get("id")
                    + "' printed '" + CLAIM_HOLDS + "', but it printed: " + printed);
        }
        assertTrue(Files.notExists(notebookPath(notebook).resolveSibling(notebook + "-executed.ipynb")),
                "nothing is written next to the notebook");
        if (notebook.equals("00-quickstart")) {
            quickstartShowsTheStatisticsTableAndChart(outputs);
        }
    }

    /** The quickstart's own promises: a statistics table, a chart and a plain Java value. */
    private static void quickstartShowsTheStatisticsTableAndChart(List<JsonObject> outputs) {
        assertTrue(outputs.stream().anyMatch(o -> text(o, "text/html").contains("<table")),
                () -> "a text/html table among " + mimeTypes(outputs));
        String png = outputs.stream().map(o -> text(o, "image/png")).filter(s -> !s.isEmpty()).findFirst()
                .orElseThrow(() -> new AssertionError("an image/png among " + mimeTypes(outputs)));
        byte[] bytes = Base64.getMimeDecoder().decode(png);
        assertTrue(bytes.length > 8 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G', "PNG signature");
        assertTrue(outputs.stream().anyMatch(o -> text(o, "text/plain").equals("8000")),
                () -> "the plain Java cell's value 8000 among " + outputs);
    }

    /** Executes notebooks/NAME.ipynb with nbconvert into {@code dir} and returns the executed notebook. */
    private static JsonObject execute(String notebook, Path dir) throws Exception {
        Path source = notebookPath(notebook);
        assertTrue(Files.isRegularFile(source), source.toString());
        Path out = Files.createDirectories(dir.resolve("out"));
        ProcessResult run = JupyterTooling.run(List.of(JupyterTooling.JUPYTER.toString(), "nbconvert",
                "--to", "notebook", "--execute", "--ExecutePreprocessor.timeout=300",
                "--ExecutePreprocessor.kernel_name=" + KERNEL, "--output-dir", out.toString(),
                "--output", notebook + "-executed", source.toString()), env, dir, Duration.ofMinutes(8));
        assertEquals(0, run.exitCode(), () -> notebook + ": nbconvert --execute failed:\n" + run.output());
        return JsonParser.parseString(Files.readString(out.resolve(notebook + "-executed.ipynb"))).getAsJsonObject();
    }

    private static Path notebookPath(String notebook) {
        return JupyterTooling.repoRoot().resolve("notebooks").resolve(notebook + ".ipynb");
    }

    /** The code cells whose source prints the claim-holds line. */
    private static List<JsonObject> claimChecks(JsonObject notebook) {
        List<JsonObject> cells = new ArrayList<>();
        for (JsonElement element : notebook.getAsJsonArray("cells")) {
            JsonObject cell = element.getAsJsonObject();
            if (cell.get("cell_type").getAsString().equals("code") && joined(cell.get("source")).contains("\"" + CLAIM_HOLDS)) {
                cells.add(cell);
            }
        }
        return cells;
    }

    private static List<JsonObject> outputs(JsonArray cells) {
        List<JsonObject> outputs = new ArrayList<>();
        for (JsonElement cell : cells) {
            JsonArray cellOutputs = cell.getAsJsonObject().getAsJsonArray("outputs");
            if (cellOutputs != null) {
                cellOutputs.forEach(o -> outputs.add(o.getAsJsonObject()));
            }
        }
        return outputs;
    }

    /** Everything a cell printed to stdout and stderr. */
    private static String streamText(JsonObject cell) {
        StringBuilder text = new StringBuilder();
        for (JsonObject output : outputs(wrap(cell))) {
            if (output.get("output_type").getAsString().equals("stream")) {
                text.append(joined(output.get("text")));
            }
        }
        return text.toString();
    }

    private static JsonArray wrap(JsonObject cell) {
        JsonArray cells = new JsonArray();
        cells.add(cell);
        return cells;
    }

    /** The text of one MIME type of an output (nbformat may store it as a list of lines), or "". */
    private static String text(JsonObject output, String mime) {
        JsonObject data = output.getAsJsonObject("data");
        if (data == null || !data.has(mime)) {
            return "";
        }
        return joined(data.get(mime));
    }

    /** A notebook string field, stored either as one string or as a list of lines. */
    private static String joined(JsonElement value) {
        if (value.isJsonArray()) {
            StringBuilder text = new StringBuilder();
            value.getAsJsonArray().forEach(line -> text.append(line.getAsString()));
            return text.toString();
        }
        return value.getAsString();
    }

    private static List<String> mimeTypes(List<JsonObject> outputs) {
        List<String> types = new ArrayList<>();
        for (JsonObject output : outputs) {
            JsonObject data = output.getAsJsonObject("data");
            types.add(output.get("output_type").getAsString() + (data == null ? "" : data.keySet().toString()));
        }
        return types;
    }
}
