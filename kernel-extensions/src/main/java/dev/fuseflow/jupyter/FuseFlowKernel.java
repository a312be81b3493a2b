package dev.fuseflow.jupyter;

import dev.fuseflow.diagnostics.UserError;
import dev.fuseflow.jupyter.MagicSyntax.CellMagic;
import dev.fuseflow.jupyter.MagicSyntax.JavaCode;
import dev.fuseflow.jupyter.MagicSyntax.LineMagic;
import dev.fuseflow.jupyter.MagicSyntax.Part;
import dev.fuseflow.workbench.CancelledException;
import dev.fuseflow.workbench.CommandOutput;
import dev.fuseflow.workbench.Workbench;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
    private final CommandWorker worker;
    private final Workbench workbench;
    private final JavaEvaluator java;
    private volatile CommandRunner runner;
    private volatile CommandOutput last;
    private volatile Consumer<DisplayData> displays = this::display;

    /** A kernel with its own JShell and workbench session. Call {@link #onStartup()} before use. */
    public FuseFlowKernel() {
        this(DEFAULT_STOP_GRACE_MILLIS);
    }

    FuseFlowKernel(long stopGraceMillis) {
        super(MAGIC, version(), languageInfo(), List.of(), null, new JupyterIO(StandardCharsets.UTF_8),
                new CommManager(), new Renderer(), null, new MagicsRegistry(), true, errorStyler());
        this.worker = new CommandWorker(stopGraceMillis);
        this.workbench = new Workbench(worker::cancelled);
        this.runner = workbench::execute;
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
        cellInterrupted.set(false);
        displays = sink;
        try {
            Object value = JavaEvaluator.NO_VALUE;
            for (Part part : MagicSyntax.parse(code)) {
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
        }
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
            throw UserError.of("unknown line magic '%" + magic.name() + "'",
                    magicsRegistry.getLineMagicNames().stream().map(n -> "%" + n).sorted().toList());
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
            throw UserError.of("unknown cell magic '%%" + magic.name() + "'",
                    magicsRegistry.getCellMagicNames().stream().map(n -> "%%" + n).sorted().toList());
        }
        try {
            Object value = magicsRegistry.evalCellMagic(this, magic.name(), magic.args(), magic.body());
            return value == null ? JavaEvaluator.NO_VALUE : value;
        } catch (Exception e) {
            throw Sneaky.raise(e);
        }
    }

    /** {@code %fuseflow args} / {@code %%fuseflow args} + body: runs a workbench command and shows it. */
    private Object runMagic(List<String> args, String body) throws Exception {
        List<String> line = withBody(args, body);
        if (line.isEmpty() || List.of("help", "--help", "-h").contains(line.get(0))) {
            printOut(line.size() > 1 ? usageOf(line.get(1)) : workbench.usage());
            return null;
        }
        CommandRunner current = runner;
        CommandOutput output = worker.run(line.get(0), () -> current.execute(line));
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

    /** Runs a workbench command from Java code (on the calling thread); the result also becomes "last". */
    CommandOutput runFromJava(List<String> line) {
        CommandRunner current = runner;
        try {
            CommandOutput output = worker.runHere(() -> current.execute(line));
            if (!isHelpRequest(line)) {
                last = output;
            }
            return output;
        } catch (Exception e) {
            throw Sneaky.raise(e);
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
            return completeMagic(line, at - lineStart, lineStart);
        }
        if (MagicSyntax.isCellMagic(code)) {
            return null;
        }
        JavaEvaluator.Completions completions = java.complete(MagicSyntax.javaView(code), at);
        return completions.matches().isEmpty() ? null
                : new ReplacementOptions(completions.matches(), completions.start(), completions.end());
    }

    private ReplacementOptions completeMagic(String line, int cursor, int lineStart) {
        String before = line.substring(0, cursor);
        int wordStart = before.length();
        while (wordStart > 0 && !Character.isWhitespace(before.charAt(wordStart - 1))) {
            wordStart--;
        }
        String prefix = before.substring(wordStart);
        List<String> words = MagicSyntax.tokenize(before.substring(0, wordStart).strip().replaceFirst("^%+", ""));
        List<String> candidates = new ArrayList<>();
        if (words.isEmpty() && before.substring(0, wordStart).isBlank()) {
            candidates.addAll(List.of("%" + MAGIC, "%%" + MAGIC));
        } else if (words.size() == 1 || (words.size() == 2 && words.get(1).equals("help"))) {
            candidates.addAll(Workbench.COMMANDS);
            if (words.size() == 1) {
                candidates.add("help");
            }
        } else if (words.size() >= 2) {
            candidates.addAll(workbench.optionNames(words.get(1)));
            candidates.add("--help");
        }
        List<String> matches = candidates.stream().filter(c -> c.startsWith(prefix)).distinct().toList();
        return matches.isEmpty() ? null
                : new ReplacementOptions(matches, lineStart + wordStart, lineStart + cursor);
    }

    @Override
    public DisplayData inspect(String code, int cursor, boolean extraDetail) {
        int at = Math.max(0, Math.min(cursor, code.length()));
        int lineStart = code.lastIndexOf('\n', at - 1) + 1;
        int lineEnd = code.indexOf('\n', at);
        String line = code.substring(lineStart, lineEnd < 0 ? code.length() : lineEnd);
        if (MagicSyntax.isLineMagic(line) || line.strip().startsWith("%%")) {
            List<String> words;
            try {
                words = MagicSyntax.tokenize(line.strip().replaceFirst("^%+", ""));
            } catch (UserError e) {
                words = List.of();
            }
            String command = words.size() > 1 ? words.get(1) : "";
            String usage = workbench.usage(command);
            return new DisplayData(usage.isEmpty() ? workbench.usage() : usage);
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
