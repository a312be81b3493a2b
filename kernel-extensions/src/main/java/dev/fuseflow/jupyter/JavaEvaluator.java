package dev.fuseflow.jupyter;

import dev.fuseflow.workbench.CancelledException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;
import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * Java for the kernel: the JDK's JShell, executing snippets <em>in this JVM</em> through a
 * {@link LocalExecutionControl} subclass. Snippet classes load in a child of the application class loader, so
 * user code sees the kernel's own classes ({@link FuseFlow}, the workbench, Tablesaw, XChart) as the very
 * same {@code Class} objects, and {@link JShell#stop()} stops a runaway snippet.
 *
 * <p>Not thread-safe except {@link #stop()}, which the kernel calls from its control thread.
 */
final class JavaEvaluator implements AutoCloseable {

    /** The value of a cell that ends in a statement or declaration rather than an expression. */
    static final Object NO_VALUE = new Object() {
        @Override
        public String toString() {
            return "(no value)";
        }
    };

    private final BooleanSupplier interrupted;
    private final InProcessControl control;
    private final JShell shell;
    private final SourceCodeAnalysis analysis;

    /**
     * @param imports     imports evaluated once at start-up, e.g. {@code java.util.*}
     * @param interrupted true once the user interrupted the running cell; checked before each snippet
     */
    JavaEvaluator(List<String> imports, BooleanSupplier interrupted) {
        this.interrupted = interrupted;
        this.control = new InProcessControl(interrupted);
        this.shell = JShell.builder().executionEngine(new InProcessProvider(control), Map.of()).build();
        this.analysis = shell.sourceCodeAnalysis();
        if (!imports.isEmpty()) {
            String importCode = imports.stream().map(i -> "import " + i + ";").collect(Collectors.joining("\n"));
            evaluate(importCode, 1);
        }
    }

    /**
     * Evaluates Java source that may hold several snippets, in order.
     *
     * @param code      the source
     * @param firstLine the cell line where {@code code} starts (for diagnostics)
     * @return the value of the last snippet when it is an expression, else {@link #NO_VALUE}
     * @throws CompileError        when a snippet does not compile
     * @throws CancelledException  when the cell was interrupted
     *                             (any exception the user's code threw is rethrown unchanged)
     */
    Object evaluate(String code, int firstLine) {
        Object value = NO_VALUE;
        String rest = code;
        while (!rest.isBlank()) {
            CompletionInfo info = analysis.analyzeCompletion(rest);
            if (info.completeness() == Completeness.EMPTY) {
                break;
            }
            int start = code.length() - rest.length();
            String source;
            String remaining;
            if (info.completeness().isComplete()) {
                source = info.source();
                remaining = info.remaining();
            } else {
                source = rest;
                remaining = "";
            }
            if (interrupted.getAsBoolean()) {
                throw new CancelledException("the cell");
            }
            value = evalSnippet(source, code, start, firstLine);
            if (interrupted.getAsBoolean()) {
                throw new CancelledException("the cell");
            }
            rest = remaining;
        }
        return value;
    }

    /** Stops the snippet that is running now, if any; safe to call from another thread. */
    void stop() {
        shell.stop();
        if (!control.running) {
            return;
        }
        // The snippet may have been between compilation and the start of its thread; stop again shortly.
        Thread retry = new Thread(() -> {
            for (int i = 0; i < 40 && control.running; i++) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
                if (control.running) {
                    shell.stop();
                }
            }
        }, "fuseflow-jshell-stop");
        retry.setDaemon(true);
        retry.start();
    }

    /** "complete", "incomplete" or "invalid" for the Jupyter is_complete request. */
    String completeness(String code) {
        String rest = code;
        while (!rest.isBlank()) {
            CompletionInfo info = analysis.analyzeCompletion(rest);
            switch (info.completeness()) {
                case EMPTY:
                    return "complete";
                case COMPLETE:
                case COMPLETE_WITH_SEMI:
                    rest = info.remaining();
                    break;
                case DEFINITELY_INCOMPLETE:
                case CONSIDERED_INCOMPLETE:
                    return "incomplete";
                default:
                    return "invalid";
            }
        }
        return "complete";
    }

    /** A completion: the replacements and the range [start, end) of the cell they replace. */
    record Completions(List<String> matches, int start, int end) {
    }

    /** Completions at {@code cursor}; {@code code} is the cell's Java view (magic lines blanked). */
    Completions complete(String code, int cursor) {
        Unit unit = unitAt(code, cursor);
        int at = Math.max(0, Math.min(cursor - unit.offset(), unit.text().length()));
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> suggestions = analysis.completionSuggestions(unit.text(), at, anchor);
        Set<String> matches = new LinkedHashSet<>();
        suggestions.stream().filter(SourceCodeAnalysis.Suggestion::matchesType)
                .forEach(s -> matches.add(s.continuation()));
        suggestions.forEach(s -> matches.add(s.continuation()));
        return new Completions(new ArrayList<>(matches), unit.offset() + anchor[0], unit.offset() + at);
    }

    /** Signatures and Javadoc of what is at {@code cursor}, or empty. */
    String documentation(String code, int cursor) {
        Unit unit = unitAt(code, cursor);
        String text = unit.text();
        int at = Math.max(0, Math.min(cursor - unit.offset(), text.length()));
        List<SourceCodeAnalysis.Documentation> docs = analysis.documentation(text, at, true);
        if (docs.isEmpty()) {
            // JShell documents a method only at an invocation: retry as if '(' followed the identifier.
            int end = at;
            while (end < text.length() && Character.isJavaIdentifierPart(text.charAt(end))) {
                end++;
            }
            String call = text.substring(0, end) + "(";
            docs = analysis.documentation(call, call.length(), true);
        }
        StringBuilder out = new StringBuilder();
        for (SourceCodeAnalysis.Documentation doc : docs) {
            if (out.length() > 0) {
                out.append("\n\n");
            }
            out.append(doc.signature());
            if (doc.javadoc() != null && !doc.javadoc().isBlank()) {
                out.append("\n").append(doc.javadoc().strip());
            }
        }
        return out.toString();
    }

    @Override
    public void close() {
        shell.close();
    }

    private record Unit(String text, int offset) {
    }

    /** The snippet of {@code code} that contains {@code cursor} (or ends at it). */
    private Unit unitAt(String code, int cursor) {
        int offset = 0;
        String rest = code;
        while (true) {
            CompletionInfo info = analysis.analyzeCompletion(rest);
            if (!info.completeness().isComplete()) {
                return new Unit(rest, offset);
            }
            if (info.remaining().isBlank()) {
                return new Unit(rest, offset);
            }
            int consumed = rest.length() - info.remaining().length();
            if (offset + consumed >= cursor) {
                return new Unit(rest.substring(0, consumed), offset);
            }
            offset += consumed;
            rest = info.remaining();
        }
    }

    private Object evalSnippet(String source, String code, int start, int firstLine) {
        control.thrown = null;
        List<SnippetEvent> events = shell.eval(source);
        Object value = NO_VALUE;
        for (SnippetEvent event : events) {
            if (event.causeSnippet() != null) {
                continue;
            }
            Snippet snippet = event.snippet();
            if (event.status() == Snippet.Status.REJECTED) {
                throw compileError(snippet, source, code, start, firstLine);
            }
            if (event.exception() != null) {
                throw rethrow(event.exception());
            }
            if (event.status() == Snippet.Status.RECOVERABLE_DEFINED
                    || event.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                warnUnresolved(snippet);
            }
            value = valueOf(snippet);
        }
        return value;
    }

    private Object valueOf(Snippet snippet) {
        VarSnippet variable = null;
        if (snippet instanceof VarSnippet v && v.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
            variable = v;
        } else if (snippet instanceof ExpressionSnippet e
                && (e.subKind() == Snippet.SubKind.VAR_VALUE_SUBKIND
                || e.subKind() == Snippet.SubKind.ASSIGNMENT_SUBKIND)) {
            variable = shell.variables().filter(v -> v.name().equals(e.name())).reduce((a, b) -> b).orElse(null);
        }
        if (variable == null) {
            return NO_VALUE;
        }
        control.captured = null;
        try {
            shell.varValue(variable);
        } catch (RuntimeException e) {
            return NO_VALUE;
        }
        return control.captured;
    }

    private RuntimeException rethrow(JShellException exception) {
        if (exception instanceof UnresolvedReferenceException unresolved) {
            DeclarationSnippet snippet = unresolved.getSnippet();
            String missing = String.join(", ", shell.unresolvedDependencies(snippet).toList());
            String sentence = describe(snippet) + " cannot be invoked until " + missing + " is declared";
            return new CompileError(sentence, List.of("error: " + sentence));
        }
        Throwable thrown = control.thrown;
        if (thrown != null) {
            return Sneaky.raise(thrown);
        }
        String name = exception instanceof EvalException eval ? eval.getExceptionClassName() : "Exception";
        return new IllegalStateException(name + ": " + exception.getMessage(), exception);
    }

    private void warnUnresolved(Snippet snippet) {
        if (snippet instanceof DeclarationSnippet declaration) {
            List<String> missing = shell.unresolvedDependencies(declaration).toList();
            if (!missing.isEmpty()) {
                System.err.println("note: " + describe(declaration) + " was created, but cannot be used until "
                        + String.join(", ", missing) + " is declared");
            }
        }
    }

    private static String describe(DeclarationSnippet snippet) {
        String kind = switch (snippet.kind()) {
            case METHOD -> "method";
            case VAR -> "variable";
            case TYPE_DECL -> "type";
            default -> "declaration";
        };
        return kind + " " + snippet.name();
    }

    /**
     * The rejected snippet's diagnostics as the notebook shows them: per diagnostic its cell line, its message
     * on one line, the source line and a caret under the offending code. The exception's message is the first
     * diagnostic with its line, e.g. {@code cannot find symbol: variable foo (line 2: int x = foo + 1;)}.
     */
    private CompileError compileError(Snippet snippet, String source, String code, int start, int firstLine) {
        List<Diag> diags = shell.diagnostics(snippet).filter(Diag::isError).toList();
        if (diags.isEmpty()) {
            diags = shell.diagnostics(snippet).toList();
        }
        int baseLine = firstLine + count(code.substring(0, Math.min(start, code.length())), '\n');
        List<String> details = new ArrayList<>();
        String first = null;
        for (Diag diag : diags) {
            String message = oneLine(diag.getMessage(Locale.ROOT));
            long pos = diag.getPosition() >= 0 ? diag.getPosition() : diag.getStartPosition();
            if (pos < 0 || pos > source.length()) {
                details.add("error: " + message);
                first = first == null ? message : first;
                continue;
            }
            int p = (int) pos;
            int lineStart = source.lastIndexOf('\n', p - 1) + 1;
            int lineEnd = source.indexOf('\n', p);
            String line = source.substring(lineStart, lineEnd < 0 ? source.length() : lineEnd);
            int lineNo = baseLine + count(source.substring(0, p), '\n');
            details.add("error (line " + lineNo + "): " + message);
            details.add("    " + line);
            details.add("    " + " ".repeat(Math.max(0, p - lineStart)) + "^"
                    + "~".repeat(underline(p, line, lineStart)));
            first = first == null ? message + " (line " + lineNo + ": " + line.strip() + ")" : first;
        }
        if (first == null) {
            first = "the snippet was rejected by the compiler";
            details.add("error: " + first);
        }
        return new CompileError(first, details);
    }

    /**
     * A javac message on one line: {@code cannot find symbol} with its {@code symbol:} and {@code location:}
     * lines becomes {@code cannot find symbol: method lenth() in class java.lang.String}; other detail lines
     * ({@code required: int}) follow after a semicolon. JShell's own wrapper class is no location worth naming.
     */
    static String oneLine(String message) {
        List<String> lines = message.lines().map(l -> l.strip().replaceAll("\\s+", " ")).filter(l -> !l.isEmpty())
                .toList();
        if (lines.isEmpty()) {
            return message.strip();
        }
        StringBuilder out = new StringBuilder(lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            if (line.startsWith("symbol:")) {
                out.append(": ").append(line.substring("symbol:".length()).strip());
            } else if (line.startsWith("location:")) {
                String where = line.substring("location:".length()).strip();
                if (!where.equals("class") && !where.contains("$JShell$")) {
                    out.append(" in ").append(where);
                }
            } else {
                out.append(out.charAt(out.length() - 1) == ';' ? " " : "; ").append(line);
            }
        }
        return out.toString();
    }

    /**
     * How many {@code ~} follow the caret: the rest of the identifier it points at (the unknown symbol), else
     * none. JShell's end positions are not used: for a snippet that refers to earlier ones they can run past the
     * offending code.
     */
    private static int underline(int caret, String line, int lineStart) {
        int at = caret - lineStart;
        if (at >= line.length() || !Character.isJavaIdentifierStart(line.charAt(at))) {
            return 0;
        }
        int end = at + 1;
        while (end < line.length() && Character.isJavaIdentifierPart(line.charAt(end))) {
            end++;
        }
        return end - at - 1;
    }

    private static int count(String text, char c) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }

    /** Hands JShell our control instead of letting it start a second JVM. */
    private static final class InProcessProvider implements ExecutionControlProvider {
        private final InProcessControl control;

        InProcessProvider(InProcessControl control) {
            this.control = control;
        }

        @Override
        public String name() {
            return "fuseflow-in-process";
        }

        @Override
        public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
            return control;
        }
    }

    /**
     * Runs snippets in this JVM on JShell's snippet thread (so {@code stop()} works), and hands the kernel the
     * real objects: the value of an expression and the exception a snippet threw.
     */
    private static final class InProcessControl extends LocalExecutionControl {
        private final BooleanSupplier interrupted;
        volatile boolean running;
        volatile Object captured;
        volatile Throwable thrown;

        InProcessControl(BooleanSupplier interrupted) {
            this.interrupted = interrupted;
        }

        @Override
        protected String invoke(Method doitMethod) throws Exception {
            running = true;
            try {
                if (interrupted.getAsBoolean()) {
                    throw new StoppedException();
                }
                return super.invoke(doitMethod);
            } finally {
                running = false;
            }
        }

        @Override
        protected String throwConvertedInvocationException(Throwable cause) throws RunException, InternalException {
            thrown = cause;
            return super.throwConvertedInvocationException(cause);
        }

        @Override
        public String varValue(String className, String varName) throws RunException, EngineTerminationException,
                InternalException {
            try {
                Field field = findClass(className).getDeclaredField(varName);
                field.setAccessible(true);
                captured = field.get(null);
                return "";
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new InternalException("cannot read " + varName + ": " + e);
            }
        }
    }
}
