package dev.fuseflow.jupyter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end, after {@code package}: the shaded jar installed as a private kernel (with
 * {@link KernelInstaller}) into a temporary Jupyter directory, and Debian's {@code nbconvert --execute} running
 * notebooks/00-quickstart.ipynb. The executed copy is written to the temporary directory only.
 */
class NotebookIT {

    private static final String KERNEL = "fuseflow-it";

    @Test
    void quickstartNotebookShowsTheStatisticsTableAndChart(@TempDir Path dir) throws Exception {
        JupyterTooling.requireOrSkip(Files.isExecutable(JupyterTooling.JUPYTER), JupyterTooling.JUPYTER_MISSING);
        Path notebook = JupyterTooling.repoRoot().resolve("notebooks/00-quickstart.ipynb");
        assertTrue(Files.isRegularFile(notebook), notebook.toString());
        Map<String, String> env = JupyterTooling.installPrivateKernel(dir, KERNEL);
        Path out = Files.createDirectories(dir.resolve("out"));

        JupyterTooling.Result run = JupyterTooling.run(List.of(JupyterTooling.JUPYTER.toString(), "nbconvert",
                "--to", "notebook", "--execute", "--ExecutePreprocessor.timeout=300",
                "--ExecutePreprocessor.kernel_name=" + KERNEL, "--output-dir", out.toString(),
                "--output", "quickstart-executed", notebook.toString()), env, dir, Duration.ofMinutes(8));
        assertEquals(0, run.exitCode(), () -> "nbconvert --execute failed:\n" + run.output());

        JsonObject executed = JsonParser.parseString(Files.readString(out.resolve("quickstart-executed.ipynb")))
                .getAsJsonObject();
        List<JsonObject> outputs = new ArrayList<>();
        for (JsonElement cell : executed.getAsJsonArray("cells")) {
            JsonArray cellOutputs = cell.getAsJsonObject().getAsJsonArray("outputs");
            if (cellOutputs != null) {
                cellOutputs.forEach(o -> outputs.add(o.getAsJsonObject()));
            }
        }
        assertTrue(outputs.stream().noneMatch(o -> o.get("output_type").getAsString().equals("error")),
                () -> "no error outputs: " + outputs);
        assertTrue(outputs.stream().anyMatch(o -> text(o, "text/html").contains("<table")),
                () -> "a text/html table among " + mimeTypes(outputs));
        String png = outputs.stream().map(o -> text(o, "image/png")).filter(s -> !s.isEmpty()).findFirst()
                .orElseThrow(() -> new AssertionError("an image/png among " + mimeTypes(outputs)));
        byte[] bytes = Base64.getMimeDecoder().decode(png);
        assertTrue(bytes.length > 8 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G', "PNG signature");
        assertTrue(outputs.stream().anyMatch(o -> text(o, "text/plain").equals("8000")),
                () -> "the plain Java cell's value 8000 among " + outputs);
        assertTrue(Files.notExists(notebook.resolveSibling("quickstart-executed.ipynb")),
                "nothing is written next to the notebook");
    }

    /** The text of one MIME type of an output (nbformat may store it as a list of lines), or "". */
    private static String text(JsonObject output, String mime) {
        JsonObject data = output.getAsJsonObject("data");
        if (data == null || !data.has(mime)) {
            return "";
        }
        JsonElement value = data.get(mime);
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
