package dev.fuseflow.report;

import dev.fuseflow.diagnostics.UserError;
import dev.fuseflow.jupyter.KernelInstaller;
import dev.fuseflow.process.ProcessInterruptedException;
import dev.fuseflow.process.ProcessResult;
import dev.fuseflow.process.ProcessRunner;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs Debian's {@code jupyter nbconvert --execute --to html} with a private kernelspec for the shaded jar
 * (found first on {@code JUPYTER_PATH}, so the user's own Jupyter set-up is neither needed nor changed) and
 * {@link RunLog#ENV} set, so the kernel records its runs for the provenance block. Plots are PNG already
 * (the kernel renders charts as {@code image/png}; this nbconvert blanks SVG in HTML).
 */
public final class NbconvertExecutor implements NotebookExecutor {

    /** The name of the private kernelspec. */
    static final String KERNEL = "fuseflow-report";

    private final Path jar;
    private final Map<String, String> env;

    /**
     * @param jar the shaded fuseflow.jar the kernel runs
     * @param env the environment nbconvert and the kernel start with ({@code FUSEFLOW_KERNEL_XMX} sets the heap)
     */
    public NbconvertExecutor(Path jar, Map<String, String> env) {
        this.jar = jar;
        this.env = Map.copyOf(env);
    }

    @Override
    public String execute(Path notebook, Path workDir, Path runLog, Settings settings) {
        String jupyter = KernelInstaller.jupyterExecutable(env);
        Path jupyterPath = workDir.resolve("jupyter");
        KernelInstaller.writeKernelspec(jupyterPath.resolve("kernels"), KERNEL, jar, env);
        Path out = workDir.resolve("html");
        List<String> command = new ArrayList<>(List.of(jupyter, "nbconvert", "--to", "html", "--execute",
                "--ExecutePreprocessor.timeout=" + settings.cellTimeoutSeconds(),
                "--ExecutePreprocessor.kernel_name=" + KERNEL));
        if (settings.allowErrors()) {
            command.add("--allow-errors");
        }
        command.addAll(List.of("--output-dir", out.toString(), "--output", "report", notebook.toString()));

        Map<String, String> environment = new HashMap<>(env);
        String existing = env.getOrDefault("JUPYTER_PATH", "");
        environment.put("JUPYTER_PATH", jupyterPath + (existing.isBlank() ? "" : File.pathSeparator + existing));
        environment.put(RunLog.ENV, runLog.toString());
        environment.put("PYDEVD_DISABLE_FILE_VALIDATION", "1");
        ProcessResult result = run(command, environment, notebook.toAbsolutePath().getParent());
        if (result.exitCode() != 0) {
            throw UserError.of("executing " + notebook + " failed (nbconvert exit code " + result.exitCode() + "): "
                    + reason(result.output()) + (settings.allowErrors() ? ""
                    : "; fix the cell, or pass --allow-errors to keep its error in the report"));
        }
        Path html = out.resolve("report.html");
        try {
            return Files.readString(html, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("nbconvert reported success but wrote no " + html + ": " + result.output(), e);
        }
    }

    /**
     * Why nbconvert failed, in one line: the kernel's error ({@code UserError: ...}) when a cell failed, else
     * nbconvert's last message.
     */
    static String reason(String output) {
        List<String> lines = output.lines().map(l -> l.replaceAll("\u001b\\[[0-9;]*m", "").strip())
                .filter(l -> !l.isEmpty()).toList();
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = lines.get(i);
            if (line.matches("[A-Z][A-Za-z]*(Error|Exception|Interrupted)\\b.*: .*")
                    && !line.startsWith("nbclient.") && !line.startsWith("Traceback")) {
                return line;
            }
        }
        return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1);
    }

    private static ProcessResult run(List<String> command, Map<String, String> env, Path dir) {
        try {
            return new ProcessRunner(command).environment(env).directory(dir).run();
        } catch (ProcessInterruptedException e) {
            throw UserError.of("the report was interrupted while executing the notebook");
        } catch (IOException e) {
            throw UserError.of("cannot start '" + command.get(0) + " nbconvert': " + e.getMessage()
                    + "; install it with apt-get install jupyter-nbconvert jupyter-client");
        }
    }
}
