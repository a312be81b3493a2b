package dev.fuseflow.workbench;

import dev.fuseflow.diagnostics.UserError;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The workbench: one command grammar for both front doors. {@code ./fuseflow simulate ...} on the shell
 * and {@code %fuseflow simulate ...} in a notebook both call {@link #execute(List)} with the words after
 * the program name; the shell prints the returned {@link CommandOutput}, the kernel renders it.
 *
 * <p>User mistakes (unknown command, option, model or dataset, a bad value) surface as {@link UserError}
 * with one sentence naming what was wrong and what is accepted.
 */
public final class Workbench {

    /** The commands the workbench runs itself; the launcher and the CLI add shell-only ones. */
    public static final List<String> COMMANDS = List.of("simulate", "compile", "sweep", "compare", "graph",
            "datasets", "bench");

    private final BooleanSupplier cancelled;
    private final Progress progress;
    private final MemoryBudget memoryBudget;

    /** A workbench whose long runs never get cancelled (the shell: Ctrl-C ends the JVM). */
    public Workbench() {
        this(() -> false);
    }

    /**
     * A workbench whose long runs stop soon after {@code cancelled} turns true (the kernel's interrupt); long
     * runs show a progress line on stderr when there is a terminal ({@link Progress#forConsole()}).
     */
    public Workbench(BooleanSupplier cancelled) {
        this(cancelled, Progress.forConsole());
    }

    /** As {@link #Workbench(BooleanSupplier)}, with simulate and sweeps reporting their progress to {@code progress}. */
    public Workbench(BooleanSupplier cancelled, Progress progress) {
        this(cancelled, progress, MemoryBudget.ofHeap());
    }

    /** As above, with runs checked against {@code memoryBudget} instead of this JVM's heap (tests of the guard). */
    Workbench(BooleanSupplier cancelled, Progress progress, MemoryBudget memoryBudget) {
        this.cancelled = cancelled;
        this.progress = progress;
        this.memoryBudget = memoryBudget;
    }

    BooleanSupplier cancelled() {
        return cancelled;
    }

    /** The heap that simulate and each configuration of a sweep must fit before they start. */
    MemoryBudget memoryBudget() {
        return memoryBudget;
    }

    /** Where long runs (simulate, sweeps) report their progress; called on the threads that run them. */
    Progress progress() {
        return progress;
    }

    /** Runs one command line, e.g. {@code [simulate, --model, zoo:spmm, --dataset, ...]}. */
    public CommandOutput execute(List<String> args) {
        if (args.isEmpty() || args.get(0).equals("help") || args.get(0).equals("--help")) {
            return CommandOutput.text(usage());
        }
        CommandLine commandLine = commandLine();
        ParseResult parsed;
        try {
            parsed = commandLine.parseArgs(args.toArray(String[]::new));
        } catch (ParameterException e) {
            unknownOption(commandLine, args).ifPresent(word -> {
                throw UserError.of("unknown option '" + word + "' for '" + args.get(0) + "'", optionNames(args.get(0)));
            });
            throw UserError.of(sentence(e));
        }
        ParseResult sub = parsed.subcommand();
        if (sub == null) {
            throw UserError.of("missing command", COMMANDS);
        }
        if (sub.isUsageHelpRequested()) {
            return CommandOutput.text(sub.commandSpec().commandLine().getUsageMessage(CommandLine.Help.Ansi.OFF));
        }
        Object command = sub.commandSpec().userObject();
        try {
            return ((Callable<?>) command).call() instanceof CommandOutput out ? out
                    : CommandOutput.text("(no output)");
        } catch (UserError | CancelledException e) {
            throw e;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first word that looks like an option but is none of the command's (picocli reports missing ones first). */
    private static java.util.Optional<String> unknownOption(CommandLine commandLine, List<String> args) {
        CommandLine sub = commandLine.getSubcommands().get(args.get(0));
        if (sub == null) {
            return java.util.Optional.empty();
        }
        for (String word : args.subList(1, args.size())) {
            String name = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
            if (name.startsWith("-") && name.length() > 1 && !name.matches("-\\d.*")
                    && sub.getCommandSpec().findOption(name) == null) {
                return java.util.Optional.of(name);
            }
        }
        return java.util.Optional.empty();
    }

    /** The usage text of every workbench command. */
    public String usage() {
        CommandLine commandLine = commandLine();
        StringBuilder text = new StringBuilder("Commands:\n");
        for (var entry : commandLine.getSubcommands().entrySet()) {
            text.append('\n').append(entry.getValue().getUsageMessage(CommandLine.Help.Ansi.OFF));
        }
        return text.toString();
    }

    /** The option names a command accepts (for completion and inspection in the kernel). */
    public List<String> optionNames(String command) {
        CommandLine sub = commandLine().getSubcommands().get(command);
        if (sub == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        sub.getCommandSpec().options().forEach(option -> names.add(option.longestName()));
        return names;
    }

    /**
     * The picocli model of one command (its options with names, descriptions and defaults), for completion,
     * inspection and run records; empty for an unknown command. Each call builds a fresh, unparsed model.
     */
    public Optional<CommandSpec> commandSpec(String command) {
        CommandLine sub = commandLine().getSubcommands().get(command);
        return sub == null ? Optional.empty() : Optional.of(sub.getCommandSpec());
    }

    /**
     * The picocli model of the command of {@code words} after parsing them, so every option holds the value
     * the command would see, defaults included (run records); empty when the words do not parse.
     */
    public Optional<CommandSpec> parsed(List<String> words) {
        try {
            ParseResult sub = commandLine().parseArgs(words.toArray(String[]::new)).subcommand();
            return sub == null ? Optional.empty() : Optional.of(sub.commandSpec());
        } catch (ParameterException e) {
            return Optional.empty();
        }
    }

    /** The usage text of one command, or empty for an unknown one. */
    public String usage(String command) {
        CommandLine sub = commandLine().getSubcommands().get(command);
        return sub == null ? "" : sub.getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    private CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Root());
        commandLine.addSubcommand("simulate", new SimulateCommand(this));
        commandLine.addSubcommand("compile", new CompileCommand(this));
        commandLine.addSubcommand("sweep", new SweepCommand(this));
        commandLine.addSubcommand("compare", new CompareCommand(this));
        commandLine.addSubcommand("graph", new GraphCommand());
        commandLine.addSubcommand("datasets", new DatasetsCommand());
        commandLine.addSubcommand("bench", new BenchCommand(this));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        return commandLine;
    }

    private static String sentence(ParameterException e) {
        CommandLine where = e.getCommandLine();
        CommandSpec spec = where.getCommandSpec();
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
            List<String> words = unmatched.getUnmatched();
            String word = words.isEmpty() ? "?" : words.get(0);
            if (spec.parent() == null && !word.startsWith("-")) {
                return UserError.of("unknown command '" + word + "'", COMMANDS).getMessage();
            }
            List<String> accepted = new ArrayList<>();
            spec.options().forEach(option -> accepted.add(option.longestName()));
            return UserError.of("unknown option '" + word + "' for '" + spec.name() + "'", accepted).getMessage();
        }
        StringWriter text = new StringWriter();
        new PrintWriter(text).print(e.getMessage());
        String message = text.toString().strip();
        if (message.isEmpty()) {
            message = "invalid arguments for '" + spec.name() + "'";
        }
        return Character.toLowerCase(message.charAt(0)) + message.substring(1);
    }

    @Command(name = "fuseflow", description = "Compile sparse models to fused SAM graphs and simulate them.")
    static final class Root {
    }
}
