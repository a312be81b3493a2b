/**
 * The FuseFlow Jupyter kernel: Java notebooks with {@code %fuseflow} magics.
 *
 * <h2>Pieces</h2>
 * <ul>
 *   <li>{@link dev.fuseflow.jupyter.FuseFlowKernel} extends jjava's {@code BaseKernel} (the Jupyter wire
 *       protocol). Java is evaluated by the JDK's JShell <em>in the kernel's JVM</em> (a
 *       {@code LocalExecutionControl} subclass, see {@code JavaEvaluator}), so user code and magics share
 *       objects and an interrupt stops a running snippet.</li>
 *   <li>{@link dev.fuseflow.jupyter.FuseFlow}: what cells call, e.g. {@code FuseFlow.last()} for the result of
 *       the last {@code %fuseflow} command, {@code FuseFlow.run("simulate ...")},
 *       {@code FuseFlow.display(value)}.</li>
 *   <li>{@link dev.fuseflow.jupyter.MimeBundles}: Tablesaw tables as {@code text/html}, XChart charts as
 *       {@code image/png}, always with {@code text/plain}.</li>
 *   <li>{@link dev.fuseflow.jupyter.KernelMain}: the kernel process;
 *       {@link dev.fuseflow.jupyter.KernelInstaller}: {@code fuseflow kernel install}.</li>
 *   <li>{@code CommandWorker} runs a magic's command on its own thread; {@code NotebookProgress} shows its
 *       progress as one display updated in place; {@code MagicAssist} completes and explains magic lines;
 *       {@code MagicUsage} carries the usage shown under a magic's error; {@code RunOutOfMemory} is what an
 *       exhausted heap becomes; {@code EffectiveOptions} reads every option's value for the run log.</li>
 * </ul>
 *
 * <h2>Cells</h2>
 * <ul>
 *   <li>Ordinary Java as in JShell: imports, declarations, statements, expressions; several per cell. If the
 *       cell ends in an expression, its value is the cell's result (a table as HTML, a chart as PNG, a
 *       workbench result as its table and chart, anything else as text). {@code System.out}/{@code err}
 *       become the cell's output streams. Compile errors and exceptions become error outputs; the kernel
 *       stays alive.</li>
 *   <li>{@code %fuseflow <command> [options]} on a line of its own, anywhere in a cell: runs the workbench
 *       command (the same grammar as {@code ./fuseflow <command>}) on a worker thread and shows its result;
 *       the Java before and after it runs in order. Arguments are split like a shell splits them (quotes,
 *       backslashes, {@code #} comments). With {@code --json} or {@code --csv} the result is printed as that
 *       text instead of a table and chart.</li>
 *   <li>{@code %%fuseflow <command> [options]} as the first line: the whole cell is one command; a non-blank
 *       body is the model program, passed as {@code --model einsum:<body>}.</li>
 *   <li>{@code %fuseflow help}, {@code %fuseflow help <command>} and {@code %fuseflow <command> --help}
 *       print usage.</li>
 *   <li>A user mistake ({@code dev.fuseflow.diagnostics.UserError}) becomes an error output named
 *       {@code UserError} with its one sentence; the next cell runs normally.</li>
 * </ul>
 *
 * <h2>Progress, completion, errors</h2>
 * A command that runs longer than {@code NotebookProgress.SHOW_AFTER_MILLIS} shows one progress output
 * ({@code display_data} with a {@code transient.display_id}, then {@code update_display_data}); the worker
 * thread only stores the newest state and the kernel's thread publishes it. Tab completes commands, options
 * (from picocli's model of each command) and option values ({@link dev.fuseflow.workbench.OptionValues});
 * shift-tab on an option prints its description. A user mistake in a magic shows its one sentence and then
 * the command's usage. An {@code OutOfMemoryError} in a command ends only that command.
 *
 * <h2>Run log</h2>
 * When the environment variable {@code FUSEFLOW_RUN_LOG} names a file (the {@code report} command sets it),
 * every workbench command is appended to it with all its option values ({@link dev.fuseflow.report.RunLog}).
 *
 * <h2>Interrupt</h2>
 * The kernelspec uses {@code "interrupt_mode": "message"}. An interrupt stops a running Java snippet
 * ({@code JShell.stop()}) and sets the cancel flag the workbench polls; a command that does not stop within a
 * grace period is abandoned and the cell reports {@code Interrupted}.
 *
 * <h2>Installing</h2>
 * {@code ./fuseflow kernel install} writes kernel.json referring to the shaded jar by absolute path. The
 * kernel's maximum heap comes from the environment variable {@code FUSEFLOW_KERNEL_XMX} each time the kernel
 * starts: kernel.json cannot expand variables, so its argv runs a short {@code /bin/sh -c} script that checks
 * the value and passes it as {@code -Xmx} to java. Without the variable the heap is its value at install time,
 * else {@code 4g}.
 */
package dev.fuseflow.jupyter;
