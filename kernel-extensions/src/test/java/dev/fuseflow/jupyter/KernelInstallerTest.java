package dev.fuseflow.jupyter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.fuseflow.diagnostics.UserError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kernel install}: argument handling, the kernel.json it writes, and a real install into a temp dir. */
class KernelInstallerTest {

    @Test
    void kernelJsonRunsTheJarByAbsolutePathWithTheHeap() {
        Path jar = Path.of("build/fuseflow.jar");
        JsonObject spec = JsonParser.parseString(
                KernelInstaller.kernelJson(Path.of("/opt/jdk/bin/java"), jar, "3g")).getAsJsonObject();
        List<String> argv = new ArrayList<>();
        spec.getAsJsonArray("argv").forEach(e -> argv.add(e.getAsString()));
        assertEquals(List.of("/opt/jdk/bin/java", "-Djava.awt.headless=true", "-XX:+UseSerialGC", "-Xmx3g", "-cp",
                jar.toAbsolutePath().toString(), "dev.fuseflow.jupyter.KernelMain", "{connection_file}"), argv);
        assertEquals("FuseFlow (Java)", spec.get("display_name").getAsString());
        assertEquals("java", spec.get("language").getAsString());
        assertEquals("message", spec.get("interrupt_mode").getAsString());
    }

    @Test
    void heapComesFromTheEnvironment() {
        assertEquals("4g", KernelInstaller.heap(Map.of()));
        assertEquals("8g", KernelInstaller.heap(Map.of("FUSEFLOW_KERNEL_XMX", "8g")));
        assertEquals("1536m", KernelInstaller.heap(Map.of("FUSEFLOW_KERNEL_XMX", " 1536m ")));
        UserError error = assertThrows(UserError.class, () -> KernelInstaller.heap(Map.of("FUSEFLOW_KERNEL_XMX", "lots")));
        assertTrue(error.getMessage().contains("FUSEFLOW_KERNEL_XMX"), error.getMessage());
    }

    @Test
    void badArgumentsAreUserErrors() {
        assertUserError(List.of("--bogus"), "--bogus");
        assertUserError(List.of("--user", "--sys-prefix"), "either --user or --sys-prefix");
        assertUserError(List.of("--name", "no/slash"), "no/slash");
        assertUserError(List.of("--name"), "needs a value");
        assertUserError(List.of("--jar", "/no/such/fuseflow.jar"), "does not exist");
    }

    @Test
    void helpPrintsUsage() {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        assertEquals(0, KernelInstaller.run(List.of("--help"), new PrintStream(text, true, StandardCharsets.UTF_8)));
        String usage = text.toString(StandardCharsets.UTF_8);
        assertTrue(usage.contains("kernel install") && usage.contains("FUSEFLOW_KERNEL_XMX"), usage);
    }

    @Test
    void withoutAJarTheDefaultNeedsJar() {
        // Under surefire this class comes from target/classes, not from a jar.
        UserError error = assertThrows(UserError.class, KernelInstaller::defaultJar);
        assertTrue(error.getMessage().contains("--jar"), error.getMessage());
    }

    @Test
    void onlyTheShadedJarIsAccepted(@TempDir Path dir) throws IOException {
        Path thin = jar(dir.resolve("thin.jar"), "dev/fuseflow/jupyter/KernelMain.class");
        UserError error = assertThrows(UserError.class, () -> KernelInstaller.checkJar(thin));
        assertTrue(error.getMessage().contains("not the shaded FuseFlow jar"), error.getMessage());
        Path shaded = shadedLookalike(dir);
        assertEquals(shaded.toAbsolutePath(), KernelInstaller.checkJar(shaded));
    }

    @Test
    void missingJupyterIsAUserError() {
        Map<String, String> env = Map.of("FUSEFLOW_JUPYTER", "/no/such/jupyter");
        UserError error = assertThrows(UserError.class, () -> KernelInstaller.jupyter(env));
        assertTrue(error.getMessage().contains("FUSEFLOW_JUPYTER"), error.getMessage());
    }

    @Test
    void installsAKernelspecThatReferencesTheJar(@TempDir Path dir) throws IOException {
        JupyterTooling.requireOrSkip(Files.isExecutable(JupyterTooling.JUPYTER), JupyterTooling.JUPYTER_MISSING);
        Path jar = shadedLookalike(dir);
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(JupyterTooling.privateJupyter(dir));
        env.put("FUSEFLOW_KERNEL_XMX", "768m");
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        int code = KernelInstaller.run(List.of("--user", "--name", "fuseflow-unit", "--jar", jar.toString()),
                new PrintStream(text, true, StandardCharsets.UTF_8), env);
        assertEquals(0, code);
        Path installed = dir.resolve("data/kernels/fuseflow-unit/kernel.json");
        assertTrue(Files.isRegularFile(installed), text.toString(StandardCharsets.UTF_8));
        try (var files = Files.list(installed.getParent())) {
            assertEquals(List.of("kernel.json"), files.map(p -> p.getFileName().toString()).toList(),
                    "only kernel.json is installed; the jar is not copied");
        }
        JsonArray argv = JsonParser.parseString(Files.readString(installed)).getAsJsonObject().getAsJsonArray("argv");
        assertTrue(argv.toString().contains(jar.toAbsolutePath().toString()), argv.toString());
        assertTrue(argv.toString().contains("-Xmx768m"), argv.toString());
        assertTrue(text.toString(StandardCharsets.UTF_8).contains("installed"), text.toString(StandardCharsets.UTF_8));
    }

    private static void assertUserError(List<String> args, String expected) {
        OutputStream sink = OutputStream.nullOutputStream();
        UserError error = assertThrows(UserError.class,
                () -> KernelInstaller.run(args, new PrintStream(sink), Map.of()));
        assertTrue(error.getMessage().contains(expected), error.getMessage());
        assertFalse(error.getMessage().contains("\n"));
    }

    /** A jar with the entries the installer checks for; enough to install, not to run. */
    private static Path shadedLookalike(Path dir) throws IOException {
        return jar(dir.resolve("fuseflow.jar"), "dev/fuseflow/jupyter/KernelMain.class",
                "org/dflib/jjava/jupyter/kernel/BaseKernel.class");
    }

    private static Path jar(Path path, String... entries) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(path))) {
            for (String entry : entries) {
                zip.putNextEntry(new ZipEntry(entry));
                zip.closeEntry();
            }
        }
        return path;
    }
}
