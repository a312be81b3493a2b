package dev.fuseflow.report;

import java.nio.file.Path;

/** Executes a notebook with the FuseFlow kernel and converts the executed notebook to HTML. */
@FunctionalInterface
public interface NotebookExecutor {

    /**
     * @param notebook the {@code .ipynb} to run (cells run with its folder as the working directory)
     * @param workDir  a private, empty scratch folder for this execution
     * @param runLog   the file the kernel is to append its runs to ({@link RunLog#ENV})
     * @param settings per-cell time limit and whether cell errors are kept instead of failing
     * @return the HTML of the executed notebook
     * @throws dev.fuseflow.diagnostics.UserError when the notebook cannot be executed, naming why
     */
    String execute(Path notebook, Path workDir, Path runLog, Settings settings);

    /**
     * @param cellTimeoutSeconds how long one cell may run
     * @param allowErrors        keep a failing cell's error in the report and go on, instead of failing
     */
    record Settings(int cellTimeoutSeconds, boolean allowErrors) {
    }
}
