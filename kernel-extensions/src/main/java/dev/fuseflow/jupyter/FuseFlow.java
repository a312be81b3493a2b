package dev.fuseflow.jupyter;

import dev.fuseflow.diagnostics.UserError;
import dev.fuseflow.workbench.CommandOutput;
import org.dflib.jjava.jupyter.kernel.BaseKernel;

/**
 * What Java code in a notebook cell uses to reach the workbench session of the running FuseFlow kernel.
 * The kernel imports this class into every notebook, so cells write {@code FuseFlow.last()}.
 *
 * <pre>{@code
 * %fuseflow simulate --model zoo:spmm --dataset synthetic:rows=200,cols=200,density=0.02,features=16,seed=1
 * // next cell, plain Java:
 * var stats = FuseFlow.last().table().orElseThrow();
 * stats.print();
 * }</pre>
 *
 * <p>This works because JShell runs snippets inside the kernel's JVM, in a class loader whose parent is the
 * kernel's: the {@code FuseFlow} class user code sees is the kernel's own.
 */
public final class FuseFlow {

    private FuseFlow() {
    }

    /**
     * The result of the last successful {@code %fuseflow} command (or {@link #run(String)}) in this kernel.
     *
     * @throws UserError when no command has produced a result yet
     */
    public static CommandOutput last() {
        return kernel().lastOutput().orElseThrow(() -> UserError.of(
                "no %fuseflow command has produced a result in this kernel yet; run one first, e.g. "
                        + "%fuseflow simulate --model zoo:spmm --dataset synthetic:rows=200,cols=200,"
                        + "density=0.02,features=16,seed=1"));
    }

    /**
     * Runs one workbench command line from Java, e.g. {@code FuseFlow.run("simulate --model zoo:spmm ...")},
     * on the cell's own thread (interrupting the cell stops it). The words are split like a shell splits
     * them. The result is returned, not shown; pass it to {@link #display(Object)} to show it.
     */
    public static CommandOutput run(String commandLine) {
        return kernel().runFromJava(MagicSyntax.tokenize(commandLine));
    }

    /**
     * Shows a value as a rich output of the running cell: a workbench result as its table and chart, a
     * Tablesaw table as HTML, an XChart chart or an image as PNG, anything else as text.
     */
    public static void display(Object value) {
        kernel().displayValue(value);
    }

    private static FuseFlowKernel kernel() {
        BaseKernel kernel = BaseKernel.notebookKernel();
        if (kernel instanceof FuseFlowKernel fuseflow) {
            return fuseflow;
        }
        throw new IllegalStateException("FuseFlow is only available inside a running FuseFlow Jupyter kernel");
    }
}
