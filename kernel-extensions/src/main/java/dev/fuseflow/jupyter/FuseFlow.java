package dev.fuseflow.jupyter;

import dev.fuseflow.diagnostics.UserError;
import dev.fuseflow.workbench.CommandOutput;
import dev.fuseflow.workbench.CompiledGraph;
import dev.fuseflow.workbench.SimulationOutput;
import dev.fuseflow.workbench.SweepResult;
import dev.fuseflow.workbench.Workbench;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 * <p>The typed entry points return objects that show richly when they are a cell's value and can be read from
 * Java: {@link #compile} a picture of the SAM graph (SVG by Graphviz), {@link #simulate} the statistics table
 * and chart, {@link #sweep} and {@link #compare} the rows as a table plus a chart:
 *
 * <pre>{@code
 * var s = FuseFlow.sweep("--model zoo:gcn --dataset cora --fusion unfused,partial,full");
 * s                                   // the table and a speedup chart
 * s.toTable().where(...)              // Tablesaw
 * FuseFlow.display(s.speedupChart())  // the paper's Fig 12 for these rows
 * }</pre>
 *
 * They run in a FuseFlow kernel (where their result also becomes {@link #last()}, a long run shows its progress
 * under the cell like a {@code %fuseflow} magic, and Jupyter's interrupt stops them) and in any other Java program
 * (a plain workbench then).
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
     * Runs one workbench command line from Java, e.g. {@code FuseFlow.run("simulate --model zoo:spmm ...")}.
     * The words are split like a shell splits them. In a kernel it runs as the {@code %fuseflow} magic runs it:
     * a long run shows one progress display under the cell, updated in place, and interrupting the cell stops
     * it. The result is returned, not shown; pass it to {@link #display(Object)} to show it.
     */
    public static CommandOutput run(String commandLine) {
        return kernel().runFromJava(MagicSyntax.tokenize(commandLine));
    }

    /**
     * Compiles a model and draws its SAM graph: the options of the {@code graph} command, e.g.
     * {@code FuseFlow.compile("--model zoo:spmm --fusion full")}. As a cell's value it shows as an SVG picture
     * (Graphviz), or as DOT text where Graphviz is missing; {@code .compiled()} is the compiled program.
     */
    public static CompiledGraph compile(String options) {
        return typed("graph", options, CompiledGraph.class);
    }

    /**
     * Simulates one configuration: the options of {@code simulate}. Shows as the statistics table and the
     * memory-traffic chart; {@code .cycles()}, {@code .fields()} and {@code .report()} read it.
     */
    public static SimulationOutput simulate(String options) {
        return typed("simulate", options, SimulationOutput.class);
    }

    /**
     * Runs a sweep: the options of {@code sweep}. Shows as the table of rows plus a chart per configuration;
     * {@code .toTable()} is the Tablesaw table and {@code .speedupChart()} and its siblings draw the paper's
     * figures.
     */
    public static SweepResult sweep(String options) {
        return typed("sweep", options, SweepResult.class);
    }

    /** Compares fusions: the options of {@code compare}; shows as the table plus speedup bars (Fig 12). */
    public static SweepResult compare(String options) {
        return typed("compare", options, SweepResult.class);
    }

    private static <T extends CommandOutput> T typed(String command, String options, Class<T> type) {
        List<String> line = new ArrayList<>();
        line.add(command);
        line.addAll(MagicSyntax.tokenize(options));
        if (line.contains("--help") || line.contains("-h")) {
            throw UserError.of("FuseFlow." + (command.equals("graph") ? "compile" : command) + "(...) returns a "
                    + "result, not the usage; run %fuseflow " + command + " --help for that");
        }
        CommandOutput output = runLine(line);
        if (!type.isInstance(output)) {
            throw new IllegalStateException(command + " returned " + output.getClass().getName() + ", not "
                    + type.getSimpleName());
        }
        return type.cast(output);
    }

    /** Through the running kernel when there is one (interrupt, "last"), else on a plain workbench. */
    private static CommandOutput runLine(List<String> line) {
        Optional<FuseFlowKernel> kernel = runningKernel();
        return kernel.isPresent() ? kernel.get().runFromJava(line) : new Workbench().execute(line);
    }

    /**
     * Shows a value as a rich output of the running cell: a workbench result as its table and chart, a
     * Tablesaw table as HTML, an XChart chart or an image as PNG, anything else as text.
     */
    public static void display(Object value) {
        kernel().displayValue(value);
    }

    private static FuseFlowKernel kernel() {
        return runningKernel().orElseThrow(() -> new IllegalStateException(
                "FuseFlow is only available inside a running FuseFlow Jupyter kernel"));
    }

    private static Optional<FuseFlowKernel> runningKernel() {
        BaseKernel kernel;
        try {
            kernel = BaseKernel.notebookKernel();
        } catch (NullPointerException e) {
            return Optional.empty(); // jjava's way of saying that no kernel runs in this JVM
        }
        return kernel instanceof FuseFlowKernel fuseflow ? Optional.of(fuseflow) : Optional.empty();
    }
}
