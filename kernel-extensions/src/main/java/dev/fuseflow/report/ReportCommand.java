package dev.fuseflow.report;

import dev.fuseflow.diagnostics.UserError;
import dev.fuseflow.jupyter.KernelInstaller;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fuseflow report NOTEBOOK [-o FILE.html] [--force]}: executes a notebook with the FuseFlow kernel and
 * writes one self-contained HTML file that begins with a {@link ProvenanceBlock}. An existing file is never
 * replaced unless {@code --force} is given; the check happens before the notebook runs and again, atomically,
 * when the file is written.
 */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Execute a notebook with the FuseFlow kernel (jupyter nbconvert) and write a self-contained "
                + "HTML report that begins with how it was produced: FuseFlow version and git commit, models, "
                + "schedules, datasets and seeds, timing profiles, every %fuseflow run, the machine and the date."})
public final class ReportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NOTEBOOK", description = "the .ipynb file to execute")
    String notebook;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "the HTML file to write (default: the notebook's name with .html, beside it)")
    String output;

    @Option(names = "--force", description = "replace FILE if it exists (otherwise an existing file is left alone)")
    boolean force;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600",
            description = "how long one cell may run (default: ${DEFAULT-VALUE})")
    int timeout;

    @Option(names = "--allow-errors", description = "keep a failing cell's error in the report instead of failing")
    boolean allowErrors;

    private final PrintStream out;
    private final PrintStream err;
    private final Function<ReportCommand, NotebookExecutor> executors;

    private ReportCommand(PrintStream out, PrintStream err, Function<ReportCommand, NotebookExecutor> executors) {
        this.out = out;
        this.err = err;
        this.executors = executors;
    }

    /** Runs {@code report} with the words after it, executing with nbconvert and the jar this code runs from. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        return run(args, out, err, command -> new NbconvertExecutor(KernelInstaller.runningJar(), System.getenv()));
    }

    /** As {@link #run(List, PrintStream, PrintStream)} with another way to execute the notebook (tests). */
    static int run(List<String> args, PrintStream out, PrintStream err, Function<ReportCommand, NotebookExecutor> executors) {
        ReportCommand command = new ReportCommand(out, err, executors);
        CommandLine line = new CommandLine(command);
        CommandLine.ParseResult parsed;
        try {
            parsed = line.parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw UserError.of(sentence(e.getMessage()), List.of("report NOTEBOOK.ipynb [-o FILE.html] [--force] "
                    + "[--timeout SECONDS] [--allow-errors]"));
        }
        if (parsed.isUsageHelpRequested()) {
            out.print(usage());
            return 0;
        }
        return command.call();
    }

    /** The usage text of {@code report}. */
    public static String usage() {
        return new CommandLine(new ReportCommand(null, null, null)).getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    @Override
    public Integer call() {
        Path source = Path.of(notebook);
        if (!Files.isRegularFile(source) || !notebook.endsWith(".ipynb")) {
            throw UserError.of(Files.isRegularFile(source) ? "'" + notebook + "' is not a notebook; report takes an "
                    + ".ipynb file" : "notebook '" + notebook + "' does not exist");
        }
        if (timeout < 1) {
            throw UserError.of("--timeout must be a positive number of seconds, not " + timeout);
        }
        Path target = Path.of(output != null ? output : notebook.substring(0, notebook.length() - ".ipynb".length())
                + ".html").toAbsolutePath().normalize();
        String shown = output != null ? output : target.toString();
        String name = target.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (!name.endsWith(".html") && !name.endsWith(".htm")) {
            throw UserError.of("the report is HTML, so its file must end in .html, not '" + shown + "'");
        }
        refuseExisting(target, shown);

        Path work = null;
        try {
            work = Files.createTempDirectory("fuseflow-report-");
            Path runLog = work.resolve("runs.jsonl");
            err.println("fuseflow: executing " + notebook + " with the FuseFlow kernel ...");
            long start = System.nanoTime();
            String html = executors.apply(this).execute(source.toAbsolutePath(), work, runLog,
                    new NotebookExecutor.Settings(timeout, allowErrors));
            Duration executed = Duration.ofNanos(System.nanoTime() - start);
            Provenance provenance = new Provenance(SourceVersion.current(), notebook, sha256(source),
                    RunLog.read(runLog), MachineInfo.current(),
                    ZonedDateTime.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), executed);
            write(target, shown, HtmlReport.assemble(html, ProvenanceBlock.html(provenance)));
            out.println("report written to " + shown + " (the notebook ran in "
                    + String.format(java.util.Locale.ROOT, "%.1f s", executed.toMillis() / 1000.0) + ")");
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(work);
        }
    }

    private void refuseExisting(Path target, String shown) {
        if (!force && Files.exists(target)) {
            throw UserError.of("report file " + shown + " already exists, so nothing was run; pass --force to "
                    + "replace it, or -o to write another file");
        }
        if (Files.isDirectory(target)) {
            throw UserError.of("report file " + shown + " is a folder; pass -o with a file name");
        }
    }

    /** Writes through a temporary file beside the target; never over an existing file without --force. */
    private void write(Path target, String shown, String html) throws IOException {
        Path parent = target.getParent();
        Files.createDirectories(parent);
        // not Files.createTempFile: its owner-only permissions would stay on the report
        Path temporary = parent.resolve(".fuseflow-report-" + java.util.UUID.randomUUID() + ".tmp");
        try {
            Files.writeString(temporary, html, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE_NEW);
            if (force) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                // a hard link fails if the name exists, so a file that appeared while the notebook ran survives
                Files.createLink(target, temporary);
            }
        } catch (FileAlreadyExistsException e) {
            throw UserError.of("report file " + shown + " appeared while the notebook ran, so it was left alone; "
                    + "pass --force to replace it, or -o to write another file");
        } catch (UnsupportedOperationException e) {
            if (Files.exists(target)) {
                throw UserError.of("report file " + shown + " appeared while the notebook ran, so it was left "
                        + "alone; pass --force to replace it, or -o to write another file");
            }
            Files.move(temporary, target);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sentence(String message) {
        String text = message == null || message.isBlank() ? "invalid arguments for 'report'" : message.strip();
        text = text.replaceAll("\\s*\\R\\s*", " ");
        return Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temporary folder is harmless
        }
    }
}
