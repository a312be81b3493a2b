package dev.fuseflow.jupyter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuseflow.process.ProcessResult;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jupyter protocol conformance: Debian's {@code python3-jupyter-kernel-test} suite
 * (src/test/resources/jupyter/test_fuseflow_kernel.py) against the shaded jar installed as a private kernel.
 */
class KernelConformanceIT {

    private static final String KERNEL = "fuseflow-conformance";
    private static final String SUITE = "test_fuseflow_kernel";

    @Test
    void jupyterKernelTestSuitePasses(@TempDir Path dir) throws Exception {
        JupyterTooling.requireOrSkip(Files.isExecutable(JupyterTooling.JUPYTER), JupyterTooling.JUPYTER_MISSING);
        JupyterTooling.requireOrSkip(Files.isExecutable(JupyterTooling.PYTHON) && hasKernelTest(dir),
                "the Python module jupyter_kernel_test (Debian package python3-jupyter-kernel-test)");
        Map<String, String> env = JupyterTooling.installPrivateKernel(dir, KERNEL);
        env.put("FUSEFLOW_TEST_KERNEL", KERNEL);
        try (InputStream suite = KernelConformanceIT.class.getResourceAsStream("/jupyter/" + SUITE + ".py")) {
            assertTrue(suite != null, "the suite is on the test classpath");
            Files.copy(suite, dir.resolve(SUITE + ".py"));
        }
        ProcessResult run = JupyterTooling.run(
                List.of(JupyterTooling.PYTHON.toString(), "-m", "unittest", "-v", SUITE), env, dir, Duration.ofMinutes(5));
        System.out.println(run.output());
        assertEquals(0, run.exitCode(), () -> "jupyter_kernel_test failed:\n" + run.output());
        assertTrue(run.output().contains("OK"), run.output());
    }

    private static boolean hasKernelTest(Path dir) throws Exception {
        ProcessResult probe = JupyterTooling.run(
                List.of(JupyterTooling.PYTHON.toString(), "-c", "import jupyter_kernel_test"),
                System.getenv(), dir, Duration.ofSeconds(60));
        return probe.exitCode() == 0;
    }
}
