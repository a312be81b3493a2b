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
    void kernelJsonRunsTheJarByAbsolutePathThroughTheHeapScript() {
        Path jar = Path.of("build/fuseflow.jar");
        JsonObject spec = JsonParser.parseString(
                KernelInstaller.kernelJson(Path.of("/opt/jdk/bin/java"), jar, "3g")).getAsJsonObject();
        List<String> argv = argv(spec);
        assertEquals(List.of("/bin/sh", "-c"), argv.subList(0, 2));
        assertTrue(argv.get(2).contains("${FUSEFLOW_KERNEL_XMX:-3g}"), argv.get(2));
        assertEquals(List.of("/opt/jdk/bin/java", "-Djava.awt.headless=true", "-XX:+UseSerialGC", "-cp",
                jar.toAbsolutePath().toString(), "dev.fuseflow.jupyter.KernelMain", "{connection_file}"),
                argv.subList(3, argv.size()));
        assertEquals("FuseFlow (Java)", spec.get("display_name").getAsString());
        assertEquals("java", spec.get("language").getAsString());
        assertEquals("message", spec.get("interrupt_mode").getAsString());
    }

    /** The argv as Jupyter runs it, with /bin/echo as "java" so the command line it would exec is printed. */
    @Test
    void theHeapIsReadFromTheEnvironmentWhenTheKernelStarts() throws Exception {
        requireShell();
        String json = KernelInstaller.kernelJson(Path.of("/bin/echo"), Path.of("/opt/fuseflow.jar"), "3g");
        Launch byDefault = launch(json, Map.of());
        assertEquals(0, byDefault.exitCode(), byDefault.stderr());
        assertEquals("-Xmx3g -Djava.awt.headless=true -XX:+UseSerialGC -cp /opt/fuseflow.jar "
                + "dev.fuseflow.jupyter.KernelMain /tmp/kernel-1.json", byDefault.stdout().strip(),
                "the install-time default");
        for (String heap : List.of("768m", "12g", "2048", "1T")) {
            Launch set = launch(json, Map.of("FUSEFLOW_KERNEL_XMX", heap));
            assertEquals(0, set.exitCode(), set.stderr());
            assertTrue(set.stdout().startsWith("-Xmx" + heap + " -Djava.awt.headless=true "), set.stdout());
            assertTrue(set.stdout().strip().endsWith(" /tmp/kernel-1.json"), set.stdout());
        }
        assertTrue(launch(json, Map.of("FUSEFLOW_KERNEL_XMX", "")).stdout().startsWith("-Xmx3g "),
                "empty counts as unset");
        for (String heap : List.of("lots", "4gb", "0g", "04g", "1.5g", "-1g", "8g -Dx=1", "$(echo 1)g")) {
            Launch bad = launch(json, Map.of("FUSEFLOW_KERNEL_XMX", heap));
            assertEquals(2, bad.exitCode(), heap + ": " + bad.stdout());
            assertEquals("", bad.stdout(), "java did not start for " + heap);
            assertEquals("FUSEFLOW_KERNEL_XMX='" + heap + "' is not a heap size; use a number with an optional unit "
                    + "k, m or g, e.g. 4g or 8192m (unset it for the default 3g)\n", bad.stderr(), "one sentence");
        }
    }

    /** The script runs the real JDK too: a kernel JVM comes up with the heap of the environment. */
    @Test
    void theRealJvmGetsTheHeap() throws Exception {
        requireShell();
        String json = KernelInstaller.kernelJson(KernelInstaller.javaExecutable(), Path.of("/opt/fuseflow.jar"), "3g");
        List<String> argv = new ArrayList<>(argv(JsonParser.parseString(json).getAsJsonObject()));
        // keep the script and java, then ask the JVM for its flags instead of starting the kernel
        List<String> probe = new ArrayList<>(argv.subList(0, 4));
        probe.addAll(List.of("-XX:+PrintFlagsFinal", "-version"));
        ProcessBuilder builder = new ProcessBuilder(probe).redirectErrorStream(true);
        builder.environment().put("FUSEFLOW_KERNEL_XMX", "96m");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
        assertTrue(output.lines().anyMatch(l -> l.matches("\\s*size_t MaxHeapSize\\s*=\\s*100663296\\s.*")),
                "MaxHeapSize is 96 MiB");
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
        assertTrue(argv.get(2).getAsString().contains("${FUSEFLOW_KERNEL_XMX:-768m}"),
                "the install-time value is the default: " + argv);
        assertTrue(text.toString(StandardCharsets.UTF_8).contains("installed"), text.toString(StandardCharsets.UTF_8));
    }

    private record Launch(int exitCode, String stdout, String stderr) {
    }

    /** Runs kernel.json's argv with Jupyter's substitution and {@code env} added to this JVM's environment. */
    private static Launch launch(String kernelJson, Map<String, String> env) throws Exception {
        List<String> argv = new ArrayList<>();
        for (String word : argv(JsonParser.parseString(kernelJson).getAsJsonObject())) {
            argv.add(word.replace("{connection_file}", "/tmp/kernel-1.json"));
        }
        ProcessBuilder builder = new ProcessBuilder(argv);
        builder.environment().remove("FUSEFLOW_KERNEL_XMX");
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Launch(process.waitFor(), stdout, stderr);
    }

    private static List<String> argv(JsonObject spec) {
        List<String> argv = new ArrayList<>();
        spec.getAsJsonArray("argv").forEach(e -> argv.add(e.getAsString()));
        return argv;
    }

    private static void requireShell() {
        JupyterTooling.requireOrSkip(Files.isExecutable(Path.of("/bin/sh")) && Files.isExecutable(Path.of("/bin/echo")),
                "/bin/sh or /bin/echo (the kernel's heap script runs in sh)");
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
