package dev.fuseflow.jupyter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.fuseflow.process.ProcessResult;
import dev.fuseflow.process.ProcessRunner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * Helpers for the tests that drive Debian's Jupyter: the skip-or-fail rule for missing tools, a private
 * Jupyter environment in a temporary directory, and running a command with a time limit.
 */
final class JupyterTooling {

    /** Debian's Jupyter; always called by absolute path (another python3 on the PATH usually lacks it). */
    static final Path JUPYTER = Path.of("/usr/bin/jupyter");
    static final Path PYTHON = Path.of("/usr/bin/python3");
    static final String JUPYTER_MISSING =
            "/usr/bin/jupyter (Debian packages jupyter-client and jupyter-nbconvert)";

    private JupyterTooling() {
    }

    /**
     * Skips the test, with a visible message, when {@code present} is false; fails instead when the system
     * property {@code fuseflow.requireJupyter} is "true" (set by {@code ./fuseflow test}).
     */
    static void requireOrSkip(boolean present, String what) {
        if (present) {
            return;
        }
        String message = what + " is missing, so this test cannot run";
        if (Boolean.parseBoolean(System.getProperty("fuseflow.requireJupyter", "false"))) {
            fail(message + " (fuseflow.requireJupyter=true: install it, e.g. apt-get install -y "
                    + "--no-install-recommends jupyter-client jupyter-nbconvert python3-jupyter-kernel-test)");
        }
        System.err.println("SKIPPED: " + message);
        Assumptions.abort(message);
    }

    /** Environment variables that confine Jupyter's data, runtime and config directories to {@code dir}. */
    static Map<String, String> privateJupyter(Path dir) {
        Map<String, String> env = new HashMap<>();
        env.put("JUPYTER_DATA_DIR", dir.resolve("data").toString());
        env.put("JUPYTER_PATH", dir.resolve("data").toString());
        env.put("JUPYTER_RUNTIME_DIR", dir.resolve("runtime").toString());
        env.put("JUPYTER_CONFIG_DIR", dir.resolve("config").toString());
        env.put("PYDEVD_DISABLE_FILE_VALIDATION", "1");
        return env;
    }

    /** The shaded jar built by {@code package} (system property {@code fuseflow.shadedJar}). */
    static Path shadedJar() {
        String property = System.getProperty("fuseflow.shadedJar");
        if (property == null) {
            fail("system property fuseflow.shadedJar is not set; run this test with mvn verify");
        }
        Path jar = Path.of(property);
        assertTrue(Files.isRegularFile(jar), "the shaded jar " + jar + " is missing; run mvn verify (it is built in package)");
        return jar;
    }

    /** The repository root (system property {@code fuseflow.repoRoot}). */
    static Path repoRoot() {
        String property = System.getProperty("fuseflow.repoRoot");
        if (property != null && Files.isDirectory(Path.of(property, "notebooks"))) {
            return Path.of(property);
        }
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("notebooks")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        fail("cannot find the repository root (system property fuseflow.repoRoot)");
        return here;
    }

    /**
     * Installs the shaded jar as kernel {@code name} into the private Jupyter under {@code dir}, with
     * {@link KernelInstaller} itself, and returns the environment to run Jupyter with.
     */
    static Map<String, String> installPrivateKernel(Path dir, String name) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(privateJupyter(dir));
        env.put("FUSEFLOW_KERNEL_XMX", "1g");
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        int code = KernelInstaller.run(List.of("--user", "--name", name, "--jar", shadedJar().toString()),
                new PrintStream(text, true, StandardCharsets.UTF_8), env);
        assertEquals(0, code, text.toString(StandardCharsets.UTF_8));
        assertTrue(Files.isRegularFile(dir.resolve("data/kernels/" + name + "/kernel.json")),
                text.toString(StandardCharsets.UTF_8));
        return env;
    }

    /** Runs {@code command} in {@code workDir} with {@code env}, stdout and stderr merged; fails past {@code limit}. */
    static ProcessResult run(List<String> command, Map<String, String> env, Path workDir, Duration limit)
            throws IOException {
        ProcessResult result = new ProcessRunner(command).environment(env).directory(workDir).timeout(limit).run();
        if (result.timedOut()) {
            fail("'" + String.join(" ", command) + "' did not finish within " + limit.toSeconds() + " s:\n"
                    + result.output());
        }
        return result;
    }
}
