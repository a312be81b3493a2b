package dev.fuseflow.jupyter;

import dev.fuseflow.diagnostics.UserError;
import dev.fuseflow.jupyter.MagicSyntax.CellMagic;
import dev.fuseflow.jupyter.MagicSyntax.JavaCode;
import dev.fuseflow.jupyter.MagicSyntax.LineMagic;
import dev.fuseflow.jupyter.MagicSyntax.Part;
import dev.fuseflow.workbench.CancelledException;
import dev.fuseflow.workbench.CommandOutput;
import dev.fuseflow.workbench.Progress;
import dev.fuseflow.workbench.Workbench;
import dev.fuseflow.report.RunLog;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.kernel.util.TextColor;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.reply.KernelInfoReply;
import org.dflib.jjava.jupyter.messages.request.KernelInfoRequest;

/**
 * The FuseFlow Jupyter kernel: Java cells evaluated by JShell in this JVM, plus the {@code %fuseflow} line
 * magic and {@code %%fuseflow} cell magic that run workbench commands on a worker thread and render their
 * results (tables as HTML, charts as PNG). See the package documentation for the cell syntax.
 *
 * <p>jjava allows one live kernel per JVM ({@link BaseKernel#notebookKernel()} is static); {@link FuseFlow}
 * reaches this kernel through it.
 */
public final class FuseFlowKernel extends BaseKernel {

    /** The magic name: {@code %fuseflow ...} and {@code %%fuseflow ...}. */
    public static final String MAGIC = "fuseflow";

    /** Imported in every kernel before the first cell. */
    static final List<String> DEFAULT_IMPORTS = List.of(
            "java.util.*", "java.util.function.*", "java.util.stream.*", "java.io.*", "java.math.*",
            "java.nio.file.*", "tech.tablesaw.api.*", "dev.fuseflow.jupyter.FuseFlow",
            "dev.fuseflow.workbench.CommandOutput");

    /** How long an interrupted workbench command may take to notice its cancel flag. */
    static final long DEFAULT_STOP_GRACE_MILLIS = 5_000;

    private static final String RED = "\u001b[1;31m";
    private static final String RESET = "\u001b[0m";

    /** Runs one workbench command line; the kernel's default is {@link Workbench#execute(List)}. */
    @FunctionalInterface
    interface CommandRunner {
        CommandOutput execute(List<String> args) throws Exception;
    }

    private final AtomicBoolean cellInterrupted = new AtomicBoolean();
    /** True while a command runs on the worker; a second one started meanwhile runs on its caller's thread. */
    private final AtomicBoolean commandRunning = new AtomicBoolean();
    private final CommandWorker worker;
    private final Workbench workbench;
    private final MagicAssist assist;
    private final JavaEvaluator java;
    private volatile CommandRunner runner;
    private volatile CommandOutput last;
    private volatile Consumer<DisplayData> displays = this::display;
    private volatile Consumer<DisplayData> updates = this::updateDisplay;
    /** The running command's progress display; the workbench reports to it through {@link #progressRelay}. */
    private volatile Progress progress = Progress.NONE;
    private final Progress progressRelay = (task, done, total, detail) -> progress.update(task, done, total, detail);
    private volatile Optional<RunLog> runLog;

    /** A kernel with its own JShell and workbench session. Call {@link #onStartup()} before use. */
    public FuseFlowKernel() {
        this(DEFAULT_STOP_GRACE_MILLIS);
    }

    FuseFlowKernel(long stopGraceMillis) {
        super(MAGIC, version(), languageInfo(), List.of(), null, new JupyterIO(StandardCharsets.UTF_8),
                new CommManager(), new Renderer(), null, new MagicsRegistry(), true, errorStyler());
        this.worker = new CommandWorker(stopGraceMillis);
        this.workbench = new Workbench(worker::cancelled, progressRelay);
        this.assist = new MagicAssist(workbench);
        this.runner = workbench::execute;
        this.runLog = RunLog.fromEnvironment(RunLog.Session.current(version(), Instant.now().toString()));
        this.java = new JavaEvaluator(DEFAULT_IMPORTS, cellInterrupted::get);
        magicsRegistry.registerLineMagic(MAGIC, (kernel, args) -> runMagic(args, ""));
        magicsRegistry.registerCellMagic(MAGIC, (kernel, args, body) -> runMagic(args, body));
    }

    // ---------------------------------------------------------------- evaluation

    @Override
    public Object evalRaw(String code) {
        return evalCell(code, this::display);
    }

    /**
     * Runs one cell: its Java snippets and magics in order. Rich outputs made along the way (magic results,
     * {@link FuseFlow#display(Object)}) go to {@code sink}; the returned bundle, if any, is the cell's result.
     */
    DisplayData evalCell(String code, Consumer<DisplayData> sink) {
        return evalCell(code, sink, this::updateDisplay);
    }

    /** As {@link #evalCell(String, Consumer)}; updates of displays shown with an id go to {@code updateSink}. */
    DisplayData evalCell(String code, Consumer<DisplayData> sink, Consumer<DisplayData> updateSink) {
        cellInterrupted.set(false);
        displays = sink;
        updates = updateSink;
        try {
            Object value = JavaEvaluator.NO_VALUE;
            List<Part> parts;
            try {
                parts = MagicSyntax.parse(code);
            } catch (UserError e) {
                MagicUsage.attach(e, magicUsage());
                throw e;
            }
            for (Part part : parts) {
                if (cellInterrupted.get()) {
                    throw new CancelledException("the cell");
                }
                value = JavaEvaluator.NO_VALUE;
                if (part instanceof JavaCode javaCode) {
                    value = java.evaluate(javaCode.code(), javaCode.firstLine());
                } else if (part instanceof LineMagic magic) {
                    value = lineMagic(magic);
                } else if (part instanceof CellMagic magic) {
                    value = cellMagic(magic);
                }
            }
            flushStreams();
            return value == JavaEvaluator.NO_VALUE ? null : result(value);
        } catch (Error e) {
            if (e instanceof ThreadDeath) {
                throw new CancelledException("the cell");
            }
            throw new RuntimeException(e.toString(), e);
        } finally {
            flushStreams();
            displays = this::display;
            updates = this::updateDisplay;
        }
    }

    private void updateDisplay(DisplayData data) {
        getIO().display.updateDisplay(data);
    }

    private DisplayData result(Object value) {
        if (value instanceof CommandOutput output) {
            List<DisplayData> bundles = MimeBundles.of(output);
            if (bundles.isEmpty()) {
                return new DisplayData(output.plainText());
            }
            bundles.subList(0, bundles.size() - 1).forEach(displays);
            return bundles.get(bundles.size() - 1);
        }
        return MimeBundles.of(value);
    }

    private Object lineMagic(LineMagic magic) {
        if (!magicsRegistry.getLineMagicNames().contains(magic.name())) {
            throw withUsage(UserError.of("unknown line magic '%" + magic.name() + "'",
                    magicsRegistry.getLineMagicNames().stream().map(n -> "%" + n).sorted().toList()), magicUsage());
        }
        try {
            Object value = magicsRegistry.evalLineMagic(this, magic.name(), magic.args());
            return value == null ? JavaEvaluator.NO_VALUE : value;
        } catch (Exception e) {
            throw Sneaky.raise(e);
        }
    }

    private Object cellMagic(CellMagic magic) {
        if (!magicsRegistry.getCellMagicNames().contains(magic.name())) {
            throw withUsage(UserError.of("unknown cell magic '%%" + magic.name() + "'",
                    magicsRegistry.getCellMagicNames().stream().map(n -> "%%" + n).sorted().toList()), magicUsage());
        }
        try {
            Object value = magicsRegistry.evalCellMagic(this, magic.name(), magic.args(), magic.body());
            return value == null ? JavaEvaluator.NO_VALUE : value;
        } catch (Exception e) {
            throw Sneaky.raise(e);
        }
    }

    private static UserError withUsage(UserError error, String usage) {
        MagicUsage.attach(error, usage);
        return error;
    }

    /** The short usage under an error that names no command: the magic's form and the commands. */
    static String magicUsage() {
        return "Usage: %" + MAGIC + " COMMAND [OPTIONS]   or   %%" + MAGIC + " COMMAND [OPTIONS] with the model"
                + " program as the cell body\nCommands: " + String.join(", ", Workbench.COMMANDS)
                + "; %" + MAGIC + " help COMMAND shows one command's options.";
    }

    /** The usage under an error of {@code line}: its command's options, or {@link #magicUsage()}. */
    private String usageFor(List<String> line) {
        String usage = line.isEmpty() ? "" : workbench.usage(line.get(0));
        return usage.isEmpty() ? magicUsage() : usage;
    }

    /** {@code %fuseflow args} / {@code %%fuseflow args} + body: runs a workbench command and shows it. */
    private Object runMagic(List<String> args, String body) throws Exception {
        List<String> line;
        try {
            line = withBody(args, body);
            if (line.isEmpty() || List.of("help", "--help", "-h").contains(line.get(0))) {
                printOut(line.size() > 1 ? usageOf(line.get(1)) : workbench.usage());
                return null;
            }
        } catch (UserError e) {
            throw withUsage(e, usageFor(args));
        }
        CommandOutput output = runRecorded(line);
        if (!isHelpRequest(line)) {
            last = output;
        }
        if (line.contains("--json") || line.contains("--csv")) {
            printOut(output.plainText()); // machine-readable text was asked for: show it as text
        } else {
            show(output);
        }
        return null;
    }

    /** The body of {@code %%fuseflow simulate ...} is the model program, passed as {@code --model einsum:}. */
    private List<String> withBody(List<String> args, String body) {
        if (body.isBlank() || args.isEmpty() || !Workbench.COMMANDS.contains(args.get(0))) {
            return args;
        }
        String command = args.get(0);
        if (!workbench.optionNames(command).contains("--model")) {
            throw UserError.of("%%fuseflow " + command + " takes no cell body; put its options on the first line");
        }
        if (args.stream().anyMatch(a -> a.equals("--model") || a.startsWith("--model="))) {
            throw UserError.of("the body of a %%fuseflow " + command + " cell is the model program, so leave "
                    + "--model off its first line (or leave the body empty)");
        }
        List<String> line = new ArrayList<>(args);
        line.add("--model");
        line.add("einsum:" + body.strip());
        return line;
    }

    private String usageOf(String command) {
        String usage = workbench.usage(command);
        if (usage.isEmpty()) {
            throw UserError.of("unknown command '" + command + "'", Workbench.COMMANDS);
        }
        return usage;
    }

    private static boolean isHelpRequest(List<String> line) {
        return line.contains("--help") || line.contains("-h") || line.contains("--version") || line.contains("-V");
    }

    /** Shows a workbench result: its table and chart as rich outputs, or its text on the output stream. */
    void show(CommandOutput output) {
        List<DisplayData> bundles = MimeBundles.of(output);
        if (bundles.isEmpty()) {
            printOut(output.plainText());
            return;
        }
        flushStreams();
        bundles.forEach(displays);
    }

    private static void printOut(String text) {
        System.out.print(text.endsWith("\n") ? text : text + "\n");
        System.out.flush();
    }

    private static void flushStreams() {
        System.out.flush();
        System.err.flush();
    }

    // ---------------------------------------------------------------- what FuseFlow (user code) reaches

    /** The result of the last successful workbench command in this kernel. */
    Optional<CommandOutput> lastOutput() {
        return Optional.ofNullable(last);
    }

    /**
     * Runs a workbench command from Java code ({@link FuseFlow#run} and the typed calls) as a magic runs one,
     * with a progress display under the cell; the result is returned, not shown, and also becomes "last".
     */
    CommandOutput runFromJava(List<String> line) {
        try {
            CommandOutput output = runRecorded(line);
            if (!isHelpRequest(line)) {
                last = output;
            }
            return output;
        } catch (Exception e) {
            throw Sneaky.raise(e);
        }
    }

    /**
     * Runs one command line (from a magic or from Java code) on the worker thread while the calling thread
     * publishes its progress display, records it in the run log, and turns its failures into what the notebook
     * shows: a user error with the command's usage, or a clear out-of-memory message.
     *
     * <p>A command that Java code starts on threads of its own while another one runs (a parallel stream of
     * {@code FuseFlow.simulate} calls) runs on its caller's thread, without a display of its own; the worker
     * holds one command at a time.
     */
    private CommandOutput runRecorded(List<String> line) throws Exception {
        CommandRunner current = runner;
        long start = System.nanoTime();
        Instant started = Instant.now();
        String outcome = "ok";
        boolean onWorker = commandRunning.compareAndSet(false, true);
        NotebookProgress shown = null;
        CommandOutput output = null;
        try {
            if (onWorker) {
                shown = new NotebookProgress(title(line), displays, updates);
                progress = shown;
                NotebookProgress display = shown;
                output = worker.run(line.get(0), () -> current.execute(line), display::publish);
                display.finish(NotebookProgress.DONE);
                return output;
            }
            output = current.execute(line);
            return output;
        } catch (UserError e) {
            outcome = "user error: " + e.getMessage();
            throw withUsage(e, usageFor(line));
        } catch (CancelledException | ThreadDeath e) {
            outcome = "interrupted"; // ThreadDeath: JShell stopped the cell whose Java code waits for the command
            throw e;
        } catch (OutOfMemoryError e) {
            outcome = "out of memory";
            throw new RunOutOfMemory(line, e, Runtime.getRuntime().maxMemory());
        } catch (Exception | Error e) {
            outcome = "failed: " + e;
            throw e;
        } finally {
            if (onWorker) {
                progress = Progress.NONE;
                commandRunning.set(false);
            }
            if (shown != null && !outcome.equals("ok")) {
                shown.finish(outcome.startsWith("user error") ? "stopped by an error" : outcome);
            }
            record(line, started, (System.nanoTime() - start) / 1_000_000, outcome, output);
        }
    }

    /** Names a run in its progress display: the command and its model, e.g. {@code simulate zoo:spmm}. */
    private static String title(List<String> line) {
        StringBuilder title = new StringBuilder(line.get(0));
        for (int i = 1; i < line.size(); i++) {
            String word = line.get(i);
            String model = word.startsWith("--model=") ? word.substring(8)
                    : word.equals("--model") && i + 1 < line.size() ? line.get(i + 1) : null;
            if (model != null) {
                title.append(' ').append(model.length() > 40 ? model.substring(0, 37) + "..." : model);
                break;
            }
        }
        return title.toString();
    }

    private void record(List<String> line, Instant started, long wallMillis, String outcome, CommandOutput output) {
        Optional<RunLog> log = runLog;
        if (log.isEmpty() || isHelpRequest(line)) {
            return;
        }
        try {
            log.get().append(new RunLog.Run(Math.max(0, executionCount.get() - 1), List.copyOf(line),
                    EffectiveOptions.of(workbench, line), started.toString(), wallMillis, outcome,
                    output == null ? Map.of() : RunLog.results(output.json().orElse(null))));
        } catch (RuntimeException e) {
            System.err.println("warning: the run was not recorded for the report: " + e.getMessage());
        }
    }

    /** Shows a value as a rich output of the running cell. */
    void displayValue(Object value) {
        flushStreams();
        if (value instanceof CommandOutput output) {
            show(output);
        } else {
            displays.accept(MimeBundles.of(value));
        }
    }

    // ---------------------------------------------------------------- test seams

    void commandRunner(CommandRunner replacement) {
        this.runner = replacement;
    }

    /** Where workbench commands report progress (a fake command in a test reports through it too). */
    Progress progressListener() {
        return progressRelay;
    }

    /** Records runs into {@code log} (the report sets it through {@value RunLog#ENV}); empty stops recording. */
    void runLog(Optional<RunLog> log) {
        this.runLog = log;
    }

    CommandRunner workbenchRunner() {
        return workbench::execute;
    }

    /** The cancel flag the workbench polls. */
    boolean commandCancelled() {
        return worker.cancelled();
    }

    // ---------------------------------------------------------------- interrupt, shutdown, errors

    /** The interrupt request: stops a running Java snippet and sets the workbench's cancel flag. */
    @Override
    public void interrupt() {
        cellInterrupted.set(true);
        worker.cancel();
        java.stop();
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        worker.cancel();
        java.stop();
        try {
            java.close();
        } finally {
            super.onShutdown(isRestarting);
        }
    }

    @Override
    public List<String> formatError(Throwable e) {
        List<String> lines = new ArrayList<>();
        if (e instanceof UserError) {
            lines.add(RED + "UserError" + RESET + ": " + e.getMessage());
            MagicUsage.of(e).ifPresent(usage -> {
                lines.add("");
                usage.strip().lines().forEach(lines::add);
            });
        } else if (e instanceof RunOutOfMemory) {
            lines.add(RED + "OutOfMemoryError" + RESET + ": " + e.getMessage());
        } else if (e instanceof CancelledException) {
            lines.add(RED + "Interrupted" + RESET + ": " + e.getMessage());
        } else if (e instanceof CompileError compile) {
            for (String line : compile.details()) {
                lines.add(line.startsWith("error") ? RED + line + RESET : line);
            }
        } else {
            appendTrace(lines, e, new HashSet<>(), "");
        }
        return lines;
    }

    /** The exception, its frames up to where the kernel called the cell, and its causes. */
    private static void appendTrace(List<String> lines, Throwable e, Set<Throwable> seen, String prefix) {
        if (!seen.add(e)) {
            return;
        }
        String message = e.getLocalizedMessage();
        lines.add(prefix + RED + e.getClass().getName() + RESET + (message == null ? "" : ": " + message));
        for (StackTraceElement frame : e.getStackTrace()) {
            String cls = frame.getClassName();
            if (cls.startsWith("jdk.internal.reflect.") || cls.startsWith("java.lang.reflect.")
                    || cls.startsWith("jdk.jshell.") || cls.startsWith(JavaEvaluator.class.getName())) {
                break;
            }
            if (cls.startsWith("REPL.$JShell$")) {
                lines.add(frame.getMethodName().equals("do_it$") ? "    at the cell"
                        : "    at " + frame.getMethodName() + " (declared in a cell)");
            } else {
                lines.add("    at " + frame);
            }
        }
        if (e.getCause() != null) {
            appendTrace(lines, e.getCause(), seen, "Caused by: ");
        }
    }

    // ---------------------------------------------------------------- completion, inspection

    @Override
    public ReplacementOptions complete(String code, int cursor) {
        int at = Math.max(0, Math.min(cursor, code.length()));
        int lineStart = code.lastIndexOf('\n', at - 1) + 1;
        int lineEnd = code.indexOf('\n', at);
        String line = code.substring(lineStart, lineEnd < 0 ? code.length() : lineEnd);
        boolean magicLine = MagicSyntax.isLineMagic(line) || line.strip().startsWith("%%");
        if (magicLine) {
            return assist.complete(line, at - lineStart, lineStart)
                    .map(c -> new ReplacementOptions(c.matches(), c.start(), c.end())).orElse(null);
        }
        if (MagicSyntax.isCellMagic(code)) {
            return null;
        }
        JavaEvaluator.Completions completions = java.complete(MagicSyntax.javaView(code), at);
        return completions.matches().isEmpty() ? null
                : new ReplacementOptions(completions.matches(), completions.start(), completions.end());
    }

    @Override
    public DisplayData inspect(String code, int cursor, boolean extraDetail) {
        int at = Math.max(0, Math.min(cursor, code.length()));
        int lineStart = code.lastIndexOf('\n', at - 1) + 1;
        int lineEnd = code.indexOf('\n', at);
        String line = code.substring(lineStart, lineEnd < 0 ? code.length() : lineEnd);
        if (MagicSyntax.isLineMagic(line) || line.strip().startsWith("%%")) {
            return new DisplayData(assist.inspect(line, at - lineStart));
        }
        if (MagicSyntax.isCellMagic(code)) {
            return null;
        }
        String doc = java.documentation(MagicSyntax.javaView(code), at);
        return doc.isBlank() ? null : new DisplayData(doc);
    }

    @Override
    public String isComplete(String code) {
        if (MagicSyntax.isCellMagic(code)) {
            return IS_COMPLETE_YES;
        }
        return switch (java.completeness(MagicSyntax.javaView(code))) {
            case "complete" -> IS_COMPLETE_YES;
            case "incomplete" -> "    ";
            default -> IS_COMPLETE_BAD;
        };
    }

    // ---------------------------------------------------------------- kernel info

    @Override
    public String getBanner() {
        return "FuseFlow kernel " + getVersion() + " (Java " + Runtime.version() + ", JShell in process)\n"
                + "Type %fuseflow help for the workbench commands.";
    }

    /** jjava's kernel_info_reply lacks {@code "status": "ok"}, which the protocol requires; add it. */
    @Override
    protected void handleKernelInfoRequest(ShellReplyEnvironment env, Message<KernelInfoRequest> message) {
        env.setBusyDeferIdle();
        env.reply(new KernelInfoWithStatus(getName(), getVersion(), getLanguageInfo(), getBanner()));
    }

    static final class KernelInfoWithStatus extends KernelInfoReply {
        @SuppressWarnings("unused")
        private final String status = "ok";

        KernelInfoWithStatus(String name, String version, LanguageInfo language, String banner) {
            super("5.3", name, version, language, banner, List.of());
        }
    }

    private static LanguageInfo languageInfo() {
        return new LanguageInfo.Builder("java")
                .version(Runtime.version().toString())
                .mimetype("text/x-java-source")
                .fileExtension(".jshell")
                .pygments("java")
                .codemirror("text/x-java")
                .build();
    }

    private static String version() {
        String version = FuseFlowKernel.class.getPackage().getImplementationVersion();
        return version == null ? "0.1.0-SNAPSHOT" : version;
    }

    private static StringStyler errorStyler() {
        return new StringStyler.Builder()
                .addPrimaryStyle(TextColor.BOLD_RESET_FG)
                .addSecondaryStyle(TextColor.BOLD_RED_FG)
                .addHighlightStyle(TextColor.BOLD_RESET_FG)
                .build();
    }
}
