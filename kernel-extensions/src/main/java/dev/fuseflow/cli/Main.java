package dev.fuseflow.cli;

import dev.fuseflow.diagnostics.UserError;
import dev.fuseflow.workbench.CancelledException;
import dev.fuseflow.workbench.CommandOutput;
import dev.fuseflow.workbench.Workbench;
import dev.fuseflow.jupyter.KernelInstaller;
import dev.fuseflow.report.ReportCommand;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code fuseflow COMMAND [OPTIONS]}: the shaded jar's main class.
 *
 * <ul>
 *   <li>{@code help}, {@code --help}, {@code -h} or no words: the usage of every command, including the
 *       launcher-only ones; {@code help COMMAND} is {@code COMMAND --help};</li>
 *   <li>{@code kernel install [options]}: registers the Jupyter kernel ({@link KernelInstaller});</li>
 *   <li>{@code report NOTEBOOK [options]}: executes a notebook into an HTML report ({@link ReportCommand});</li>
 *   <li>{@code notebook}, {@code test}: answered with a pointer to {@code ./fuseflow} (they run there);</li>
 *   <li>anything else: {@link Workbench#execute(List)}, whose plain text goes to stdout (JSON with
 *       {@code --json}); an unknown command is the workbench's own user error.</li>
 * </ul>
 *
 * <p>Exit codes: 0 success, 2 user mistake (only {@code "fuseflow: " + message} on one stderr line, never a
 * stack trace), 130 cancelled, 1 internal error (a short message plus the stack trace).
 */
public final class Main {

    static final int OK = 0;
    static final int INTERNAL_ERROR = 1;
    static final int USER_ERROR = 2;
    static final int CANCELLED = 130;

    /** Runs workbench command lines; a seam so tests can provoke every exit path. */
    @FunctionalInterface
    interface Commands {
        CommandOutput execute(List<String> args);
    }

    private Main() {
    }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }

    /** Runs one command line and returns its exit code; never calls {@code System.exit}. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, words -> new Workbench().execute(words));
    }

    static int run(String[] args, PrintStream out, PrintStream err, Commands commands) {
        List<String> words = List.of(args);
        try {
            return dispatch(words, out, err, commands);
        } catch (OutOfMemoryError e) {
            err.println("fuseflow: " + outOfMemory(words, e));
            return INTERNAL_ERROR;
        } catch (UserError e) {
            err.println("fuseflow: " + oneLine(e.getMessage()));
            return USER_ERROR;
        } catch (CancelledException e) {
            err.println("fuseflow: " + oneLine(e.getMessage()));
            return CANCELLED;
        } catch (RuntimeException | Error e) {
            err.println("fuseflow: internal error: " + oneLine(String.valueOf(e))
                    + " (this is a bug in FuseFlow, not in what you typed; the stack trace follows)");
            e.printStackTrace(err);
            return INTERNAL_ERROR;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** One sentence for a run that exhausted the heap: what to try instead. */
    static String outOfMemory(List<String> words, OutOfMemoryError e) {
        return (words.isEmpty() ? "the command" : "'" + words.get(0) + "'") + " ran out of memory ("
                + (e.getMessage() == null ? "OutOfMemoryError" : e.getMessage()) + ", heap "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB); try a smaller --scale, or a larger heap, "
                + "e.g. FUSEFLOW_JAVA_OPTS=-Xmx8g ./fuseflow ...";
    }

    private static int dispatch(List<String> words, PrintStream out, PrintStream err, Commands commands) {
        if (words.isEmpty() || isHelp(words.get(0)) && words.size() == 1) {
            out.print(usage(commands));
            return OK;
        }
        String command = words.get(0);
        if (command.equals("help")) {
            return dispatch(List.of(words.get(1), "--help"), out, err, commands);
        }
        switch (command) {
            case "kernel":
                return kernel(words.subList(1, words.size()), out);
            case "report":
                return ReportCommand.run(List.copyOf(words.subList(1, words.size())), out, err);
            case "notebook":
            case "test":
                throw UserError.of("'" + command + "' is run by the ./fuseflow launcher at the repository root,"
                        + " not by the jar: use ./fuseflow " + command);
            default:
                printText(out, commands.execute(words).plainText());
                return OK;
        }
    }

    private static boolean isHelp(String word) {
        return word.equals("help") || word.equals("--help") || word.equals("-h");
    }

    private static int kernel(List<String> words, PrintStream out) {
        if (!words.isEmpty() && isHelp(words.get(0))) {
            return KernelInstaller.run(List.of("--help"), out);
        }
        if (words.isEmpty() || !words.get(0).equals("install")) {
            String what = words.isEmpty() ? "missing kernel command" : "unknown kernel command '" + words.get(0) + "'";
            throw UserError.of(what, List.of("kernel install"));
        }
        return KernelInstaller.run(List.copyOf(words.subList(1, words.size())), out);
    }

    /** The usage of every command: the launcher's and the jar's own, then each workbench command in full. */
    static String usage(Commands commands) {
        StringBuilder text = new StringBuilder();
        text.append("Usage: ./fuseflow COMMAND [OPTIONS]   (the launcher; java -jar fuseflow.jar COMMAND also works)\n\n");
        text.append("Compile sparse models to fused SAM dataflow graphs, simulate them cycle by cycle, and explore\n");
        text.append("them in Jupyter.\n\n");
        text.append("Commands:\n");
        text.append(String.format("  %-34s %s%n", String.join(", ", Workbench.COMMANDS),
                "the workbench commands; their options follow below"));
        text.append(String.format("  %-34s %s%n", "kernel install [OPTIONS]", "register the FuseFlow kernel with Jupyter (--help: options)"));
        text.append(String.format("  %-34s %s%n", "notebook [--port N] [--no-browser]",
                "install what is missing, build, register the kernel, start Jupyter"));
        text.append(String.format("  %-34s %s%n", "", "Notebook on notebooks/ (launcher only; -- JUPYTER_ARGS...)"));
        text.append(String.format("  %-34s %s%n", "report NOTEBOOK [-o FILE.html]",
                "execute a notebook and write an HTML report that begins"));
        text.append(String.format("  %-34s %s%n", "", "with how it was produced (--help: options)"));
        text.append(String.format("  %-34s %s%n", "test",
                "install what is missing and run every test, notebooks included"));
        text.append(String.format("  %-34s %s%n", "", "(launcher only)"));
        text.append(String.format("  %-34s %s%n", "help [COMMAND]", "this text, or one command's options"));
        text.append("\nExit codes: 0 success, 2 a mistake in the command line or its inputs, 130 interrupted,\n");
        text.append("1 an internal error.\n\n");
        String workbench = commands.execute(List.of("--help")).plainText().strip();
        if (workbench.startsWith("Commands:")) {
            workbench = workbench.substring("Commands:".length()).strip();
        }
        text.append("Options of the workbench commands (the same words work in %fuseflow magics):\n\n");
        text.append(workbench);
        if (!workbench.endsWith("\n")) {
            text.append('\n');
        }
        return text.toString();
    }

    private static void printText(PrintStream out, String text) {
        if (text.endsWith("\n")) {
            out.print(text);
        } else {
            out.println(text);
        }
    }

    private static String oneLine(String message) {
        if (message == null || message.isBlank()) {
            return "error";
        }
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
