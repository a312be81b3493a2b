package dev.fuseflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smoke test of the README's main job: {@code ./fuseflow notebook --port P --no-browser} registers the
 * kernel and serves Jupyter Notebook, whose {@code /api/kernelspecs} lists {@code fuseflow}. HOME and the
 * JUPYTER_* directories point into a temp dir, so the user's own Jupyter set-up is not touched. The
 * launcher is given the jar Maven just packaged ({@code FUSEFLOW_JAR}), so it never runs Maven from inside
 * {@code mvn verify}, and it may not install packages ({@code FUSEFLOW_NO_INSTALL}).
 */
@Tag("notebook")
class NotebookServerIT {

    private static final Duration STARTUP = Duration.ofSeconds(60);

    @TempDir Path temp;

    @Test
    void notebookServesTheFuseflowKernelspec() throws Exception {
        requireJupyterNotebook();
        Path root = RepoRoot.find();
        int port = freePort();
        String token = randomToken();

        ProcessBuilder builder = new ProcessBuilder(root.resolve("fuseflow").toString(), "notebook",
                "--port", Integer.toString(port), "--no-browser", "--", "--NotebookApp.token=" + token)
                .directory(root.toFile());
        Map<String, String> env = builder.environment();
        env.put("HOME", mkdirs("home"));
        env.put("JUPYTER_DATA_DIR", mkdirs("jupyter-data"));
        env.put("JUPYTER_CONFIG_DIR", mkdirs("jupyter-config"));
        env.put("JUPYTER_RUNTIME_DIR", mkdirs("jupyter-runtime"));
        env.put("IPYTHONDIR", mkdirs("ipython"));
        env.remove("JUPYTER_PATH");
        env.remove("DISPLAY");
        env.put("FUSEFLOW_NO_INSTALL", "1");
        env.put("FUSEFLOW_JAR", shadedJar(root).toString());
        Path log = temp.resolve("notebook.log");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());

        Process process = builder.start();
        try {
            JsonObject specs = awaitKernelspecs(process, port, token, log);
            assertTrue(specs.has("kernelspecs"), specs.toString());
            JsonObject kernelspecs = specs.getAsJsonObject("kernelspecs");
            assertTrue(kernelspecs.has("fuseflow"),
                    "kernelspec 'fuseflow' listed; got " + kernelspecs.keySet() + "\n" + tail(log));
            Path installed = temp.resolve("jupyter-data/kernels/fuseflow/kernel.json");
            assertTrue(Files.isRegularFile(installed), "the kernel went into JUPYTER_DATA_DIR: " + installed);
        } finally {
            stop(process);
        }
    }

    /** The jar Maven packaged before the integration tests (never rebuilt from inside a test). */
    private static Path shadedJar(Path root) {
        String property = System.getProperty("fuseflow.shadedJar");
        Path jar = property != null ? Path.of(property) : root.resolve("kernel-extensions/target/fuseflow.jar");
        assertTrue(Files.isRegularFile(jar), "the shaded jar " + jar + " exists (run mvn package or verify first)");
        return jar;
    }

    private static void requireJupyterNotebook() {
        // what the launcher's notebook command checks: jupyter-notebook jupyter-nbconvert jupyter-client graphviz
        List<String> needed = List.of("/usr/bin/jupyter", "/usr/bin/jupyter-notebook", "/usr/bin/jupyter-nbconvert",
                "/usr/bin/jupyter-kernelspec", "/usr/bin/dot");
        List<String> missing = needed.stream().filter(path -> !Files.isExecutable(Path.of(path))).toList();
        if (missing.isEmpty()) {
            return;
        }
        String message = "Jupyter Notebook or Graphviz is not installed (missing " + String.join(", ", missing)
                + "); ./fuseflow test installs it";
        if (Boolean.getBoolean("fuseflow.requireJupyter")) {
            fail(message + " (fuseflow.requireJupyter=true)");
        }
        System.err.println("NotebookServerIT skipped: " + message);
        assumeTrue(false, message);
    }

    private JsonObject awaitKernelspecs(Process process, int port, String token, Path log) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/kernelspecs"))
                .header("Authorization", "token " + token).timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("./fuseflow notebook exited with code " + process.exitValue() + " before serving:\n" + tail(log));
            }
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                assertEquals(200, response.statusCode(), response.body() + "\n" + tail(log));
                return JsonParser.parseString(response.body()).getAsJsonObject();
            } catch (ConnectException | java.net.http.HttpTimeoutException e) {
                Thread.sleep(250);
            }
        }
        fail("no answer from http://127.0.0.1:" + port + "/api/kernelspecs within " + STARTUP.toSeconds() + " s:\n"
                + tail(log));
        return null;
    }

    /** Stops the launcher (which exec'd into Jupyter) and everything it started. */
    private static void stop(Process process) throws InterruptedException {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        descendants.forEach(ProcessHandle::destroy);
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static String randomToken() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private String mkdirs(String name) throws IOException {
        return Files.createDirectories(temp.resolve(name)).toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
