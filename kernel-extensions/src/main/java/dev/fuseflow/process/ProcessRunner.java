package dev.fuseflow.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one external program to completion and captures what it writes. Its standard input is closed at once
 * (nothing here answers prompts), its output is drained on a thread while this one waits (a program blocked on
 * a full pipe would never exit), and stderr goes into the same output unless {@link #discardErrors() discarded}.
 *
 * <p>Past the {@link #timeout time limit}, or when the waiting thread is interrupted, the program and every
 * process it started are killed: the limit gives a result with {@link ProcessResult#timedOut()} set, an
 * interrupt a {@link ProcessInterruptedException} with the thread's interrupt status kept.
 *
 * <p>Configure, then {@link #run()}; an instance runs its command each time {@code run} is called.
 */
public final class ProcessRunner {
    /**
     * How long to wait for the rest of the output once the program has ended or was killed: the drain ends at
     * end-of-file at once, unless a child the program left behind still holds the pipe open.
     */
    static final Duration OUTPUT_GRACE = Duration.ofSeconds(10);

    private final List<String> command;
    private Map<String, String> environment;
    private boolean inheritEnvironment = true;
    private Path directory;
    private Duration timeout;
    private boolean discardErrors;

    /** A runner of {@code command} (the program, then its arguments) in this JVM's environment and directory. */
    public ProcessRunner(List<String> command) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        this.command = List.copyOf(command);
    }

    /** Runs the program with exactly {@code env} as its environment (nothing inherited from this JVM). */
    public ProcessRunner environment(Map<String, String> env) {
        this.environment = Map.copyOf(env);
        this.inheritEnvironment = false;
        return this;
    }

    /** Runs the program with this JVM's environment and {@code env} on top of it. */
    public ProcessRunner extraEnvironment(Map<String, String> env) {
        this.environment = Map.copyOf(env);
        this.inheritEnvironment = true;
        return this;
    }

    /** Runs the program in {@code dir}. */
    public ProcessRunner directory(Path dir) {
        this.directory = dir;
        return this;
    }

    /** Kills the program when it runs longer than {@code limit}; without one, waits as long as it runs. */
    public ProcessRunner timeout(Duration limit) {
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("time limit " + limit);
        }
        this.timeout = limit;
        return this;
    }

    /** Throws stderr away instead of capturing it with stdout. */
    public ProcessRunner discardErrors() {
        this.discardErrors = true;
        return this;
    }

    /** The command as one line, for messages. */
    public String commandLine() {
        return String.join(" ", command);
    }

    /**
     * Starts the program and waits for it.
     *
     * @throws IOException                 when it cannot be started (e.g. the program does not exist)
     * @throws ProcessInterruptedException when this thread is interrupted while waiting (the program is killed)
     */
    public ProcessResult run() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        if (discardErrors) {
            builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        } else {
            builder.redirectErrorStream(true);
        }
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        if (!inheritEnvironment) {
            builder.environment().clear();
        }
        if (environment != null) {
            builder.environment().putAll(environment);
        }
        Process process = builder.start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread drain = new Thread(() -> {
            try (InputStream in = process.getInputStream()) {
                in.transferTo(output);
            } catch (IOException ignored) {
                // the program ended or was killed; what was read is kept
            }
        }, "fuseflow-output-" + Path.of(command.get(0)).getFileName());
        drain.setDaemon(true); // a child holding the pipe open forever must not keep the JVM alive
        drain.start();
        try {
            process.getOutputStream().close();
            if (timeout == null) {
                process.waitFor();
            } else if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                drain.join(OUTPUT_GRACE.toMillis());
                return new ProcessResult(-1, output.toString(StandardCharsets.UTF_8), true);
            }
            drain.join(OUTPUT_GRACE.toMillis());
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new ProcessInterruptedException(commandLine());
        } catch (IOException e) {
            kill(process);
            throw e;
        }
        return new ProcessResult(process.exitValue(), output.toString(StandardCharsets.UTF_8), false);
    }

    /** Kills the program's children first: once it is gone they no longer count as its descendants. */
    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
