package dev.fuseflow.jupyter;

import com.google.gson.GsonBuilder;
import dev.fuseflow.diagnostics.UserError;
import dev.fuseflow.process.ProcessInterruptedException;
import dev.fuseflow.process.ProcessResult;
import dev.fuseflow.process.ProcessRunner;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * {@code fuseflow kernel install [--user|--sys-prefix] [--name fuseflow] [--jar PATH]}: registers the kernel
 * with Jupyter. It writes a kernelspec directory holding only {@code kernel.json}, which starts
 * {@code java ... -cp <absolute jar> dev.fuseflow.jupyter.KernelMain {connection_file}} (the 50 MB jar is
 * referenced where it lies, not copied), and runs
 * {@code jupyter kernelspec install --user --replace --name fuseflow <dir>}.
 *
 * <p>The kernel's maximum heap is read from {@value #XMX_ENV} each time the kernel starts. kernel.json cannot
 * expand environment variables itself, so its argv starts {@code /bin/sh -c} with a {@link #LAUNCH_SCRIPT
 * script} that checks the value and puts it into {@code -Xmx} before it {@code exec}s java (a malformed value
 * stops the start with one sentence on stderr, which Jupyter shows, instead of the JVM's two-line complaint).
 * Without the variable the heap is the default fixed at install time: {@value #XMX_ENV} as it was then, else
 * {@value #DEFAULT_XMX}. The jupyter executable is {@value #JUPYTER_ENV} if set, else {@code /usr/bin/jupyter},
 * else {@code jupyter} on the PATH.
 */
public final class KernelInstaller {

    public static final String DEFAULT_NAME = "fuseflow";
    public static final String DISPLAY_NAME = "FuseFlow (Java)";
    public static final String XMX_ENV = "FUSEFLOW_KERNEL_XMX";
    public static final String DEFAULT_XMX = "4g";
    public static final String JUPYTER_ENV = "FUSEFLOW_JUPYTER";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern HEAP = Pattern.compile("[1-9][0-9]*[kKmMgGtT]?");

    /**
     * The {@code sh -c} script at the head of kernel.json's argv: {@code $0} is java and {@code "$@"} the rest
     * of its command line; {@code %1$s} becomes the install-time default heap. The {@code case} accepts what
     * {@link #HEAP} accepts: a number without leading zero and an optional unit letter at the end.
     */
    static final String LAUNCH_SCRIPT = String.join("\n",
            "heap=\"${" + XMX_ENV + ":-%1$s}\"",
            "case \"$heap\" in",
            "  ''|[!1-9]*|*[!0-9kKmMgGtT]*|*[kKmMgGtT]?*)",
            "    printf '%%s\\n' \"" + XMX_ENV + "='$heap' is not a heap size; use a number with an optional unit"
                    + " k, m or g, e.g. 4g or 8192m (unset it for the default %1$s)\" >&2",
            "    exit 2 ;;",
            "esac",
            "exec \"$0\" -Xmx\"$heap\" \"$@\"");

    private static final List<String> OPTIONS = List.of("--user", "--sys-prefix", "--name", "--jar", "--help");

    private KernelInstaller() {
    }

    /**
     * Runs {@code kernel install} with the words after it; reports to {@code out}.
     *
     * @return 0 on success
     * @throws UserError for bad arguments, a missing jar or Jupyter, or a failed {@code jupyter kernelspec}
     */
    public static int run(List<String> args, PrintStream out) {
        return run(args, out, System.getenv());
    }

    /** As {@link #run(List, PrintStream)}, reading settings from and running Jupyter with {@code env}. */
    static int run(List<String> args, PrintStream out, Map<String, String> env) {
        Options options = Options.parse(args);
        if (options.help) {
            out.print(usage());
            return 0;
        }
        Path jar = options.jar == null ? defaultJar() : checkJar(Path.of(options.jar));
        String xmx = heap(env);
        String json = kernelJson(javaExecutable(), jar, xmx);
        String jupyter = jupyter(env);
        Path staging = null;
        try {
            staging = Files.createTempDirectory("fuseflow-kernelspec");
            Path spec = Files.createDirectories(staging.resolve(options.name));
            Files.writeString(spec.resolve("kernel.json"), json);
            List<String> command = List.of(jupyter, "kernelspec", "install", options.scope, "--replace",
                    "--name", options.name, spec.toString());
            ProcessResult result = exec(command, env);
            if (!result.output().isBlank()) {
                out.print(result.output().endsWith("\n") ? result.output() : result.output() + "\n");
            }
            if (result.exitCode() != 0) {
                throw UserError.of("'" + String.join(" ", command.subList(1, command.size() - 1))
                        + "' failed with exit code " + result.exitCode() + ": " + lastLine(result.output()));
            }
            out.println("FuseFlow kernel '" + options.name + "' installed: runs " + jar + " with the heap of "
                    + XMX_ENV + " when the kernel starts, else -Xmx" + xmx);
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(staging);
        }
    }

    /** The usage text of {@code kernel install}. */
    public static String usage() {
        return String.join("\n",
                "Usage: fuseflow kernel install [--user | --sys-prefix] [--name NAME] [--jar PATH]",
                "Registers the FuseFlow Jupyter kernel (\"" + DISPLAY_NAME + "\") with 'jupyter kernelspec install'.",
                "  --user         install for the current user (default)",
                "  --sys-prefix   install into the prefix of Jupyter's Python (e.g. a virtualenv)",
                "  --name NAME    kernelspec name (default: " + DEFAULT_NAME + ")",
                "  --jar PATH     the shaded fuseflow.jar the kernel runs (default: the jar this command runs",
                "                 from); kernel.json refers to it by absolute path, so leave it where it is",
                "Environment:",
                "  " + XMX_ENV + "   maximum heap of the kernel JVM, read each time the kernel starts (set it",
                "                        where Jupyter runs, then restart the kernel); its value at install time",
                "                        becomes the default (else " + DEFAULT_XMX + ")",
                "  " + JUPYTER_ENV + "      the jupyter executable (default /usr/bin/jupyter, else jupyter on PATH)",
                "");
    }

    /**
     * Writes a private kernelspec, {@code kernelsDir/name/kernel.json}, for the shaded {@code jar} whose default
     * heap is {@value #XMX_ENV} in {@code env}, without registering it: a Jupyter started with {@code kernelsDir}'s
     * parent on {@code JUPYTER_PATH} finds it (the report command runs notebooks this way).
     *
     * @return the kernelspec directory
     */
    public static Path writeKernelspec(Path kernelsDir, String name, Path jar, Map<String, String> env) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("kernel name " + name);
        }
        try {
            Path spec = Files.createDirectories(kernelsDir.resolve(name));
            Files.writeString(spec.resolve("kernel.json"), kernelJson(javaExecutable(), checkJar(jar), heap(env)));
            return spec;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The jupyter executable for {@code env}: {@value #JUPYTER_ENV}, /usr/bin/jupyter, or jupyter on the PATH. */
    public static String jupyterExecutable(Map<String, String> env) {
        return jupyter(env);
    }

    /** The shaded jar this code runs from (a UserError when it does not run from one). */
    public static Path runningJar() {
        return defaultJar();
    }

    /**
     * The kernel.json text for a kernel that runs {@code jar} on {@code java} with the heap of {@value #XMX_ENV}
     * at its start, else {@code defaultXmx}.
     */
    static String kernelJson(Path java, Path jar, String defaultXmx) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("argv", List.of("/bin/sh", "-c", String.format(Locale.ROOT, LAUNCH_SCRIPT, defaultXmx),
                java.toString(), "-Djava.awt.headless=true", "-XX:+UseSerialGC",
                "-cp", jar.toAbsolutePath().toString(), KernelMain.class.getName(), "{connection_file}"));
        spec.put("display_name", DISPLAY_NAME);
        spec.put("language", "java");
        spec.put("interrupt_mode", "message");
        spec.put("env", Map.of());
        spec.put("metadata", Map.of("fuseflow", Map.of("jar", jar.toAbsolutePath().toString(),
                "xmx_env", XMX_ENV, "xmx_default", defaultXmx)));
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(spec) + "\n";
    }

    /**
     * The default heap for kernel.json: {@value #XMX_ENV} in the install-time {@code env} if set (e.g.
     * {@code 8g}), else {@value #DEFAULT_XMX}.
     */
    static String heap(Map<String, String> env) {
        String value = env.getOrDefault(XMX_ENV, "").strip();
        if (value.isEmpty()) {
            return DEFAULT_XMX;
        }
        if (!HEAP.matcher(value).matches()) {
            throw UserError.of(XMX_ENV + "='" + value + "' is not a heap size; use a number with an optional "
                    + "unit k, m or g, e.g. 4g or 8192m");
        }
        return value;
    }

    /** The jar this class was loaded from; a UserError when it was not loaded from the shaded jar. */
    static Path defaultJar() {
        CodeSource source = KernelInstaller.class.getProtectionDomain().getCodeSource();
        Path location;
        try {
            location = source == null ? null : Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            location = null;
        }
        if (location == null || !Files.isRegularFile(location)) {
            throw UserError.of("kernel install cannot tell which jar to register because it is not running from "
                    + "a jar (" + location + "); pass --jar with the path of the shaded fuseflow.jar "
                    + "(kernel-extensions/target/fuseflow.jar after mvn package)");
        }
        return checkJar(location);
    }

    /** {@code jar}, made absolute, after checking that it is the shaded FuseFlow jar. */
    static Path checkJar(Path jar) {
        Path absolute = jar.toAbsolutePath().normalize();
        if (!Files.isRegularFile(absolute)) {
            throw UserError.of("the jar '" + absolute + "' does not exist; build it with mvn package "
                    + "(kernel-extensions/target/fuseflow.jar)");
        }
        try (ZipFile zip = new ZipFile(absolute.toFile())) {
            if (zip.getEntry(KernelMain.class.getName().replace('.', '/') + ".class") == null
                    || zip.getEntry("org/dflib/jjava/jupyter/kernel/BaseKernel.class") == null) {
                throw UserError.of("'" + absolute + "' is not the shaded FuseFlow jar (it lacks the kernel or "
                        + "its Jupyter libraries); pass kernel-extensions/target/fuseflow.jar");
            }
        } catch (IOException e) {
            throw UserError.of("'" + absolute + "' is not a readable jar (" + e.getMessage() + ")");
        }
        return absolute;
    }

    /** The java launcher of the running JVM, so the kernel runs on the JDK that installed it. */
    static Path javaExecutable() {
        Path bin = Path.of(System.getProperty("java.home"), "bin");
        for (String name : List.of("java", "java.exe")) {
            if (Files.isExecutable(bin.resolve(name))) {
                return bin.resolve(name);
            }
        }
        return Path.of("java");
    }

    /** The jupyter executable: {@value #JUPYTER_ENV}, /usr/bin/jupyter, or jupyter on the PATH. */
    static String jupyter(Map<String, String> env) {
        String configured = env.getOrDefault(JUPYTER_ENV, "").strip();
        if (!configured.isEmpty()) {
            if (!Files.isExecutable(Path.of(configured))) {
                throw UserError.of(JUPYTER_ENV + "='" + configured + "' is not an executable file");
            }
            return configured;
        }
        Path debian = Path.of("/usr/bin/jupyter");
        if (Files.isExecutable(debian)) {
            return debian.toString();
        }
        for (String dir : env.getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "jupyter"))) {
                return Path.of(dir, "jupyter").toString();
            }
        }
        throw UserError.of("jupyter was not found (looked for /usr/bin/jupyter and jupyter on the PATH); install "
                + "it, e.g. apt-get install jupyter-client jupyter-nbconvert, or set " + JUPYTER_ENV);
    }

    /** How long {@code jupyter kernelspec install} may take. */
    private static final Duration KERNELSPEC_TIMEOUT = Duration.ofSeconds(120);

    private static ProcessResult exec(List<String> command, Map<String, String> env) throws IOException {
        ProcessResult result;
        try {
            result = new ProcessRunner(command).extraEnvironment(env).timeout(KERNELSPEC_TIMEOUT).run();
        } catch (ProcessInterruptedException e) {
            throw UserError.of("kernel install was interrupted");
        }
        if (result.timedOut()) {
            throw UserError.of("'" + String.join(" ", command) + "' did not finish within "
                    + KERNELSPEC_TIMEOUT.toSeconds() + " seconds");
        }
        return result;
    }

    private static String lastLine(String output) {
        List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1).strip();
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temporary directory is harmless
        }
    }

    /** The parsed words after {@code kernel install}. */
    static final class Options {
        String scope = "--user";
        String name = DEFAULT_NAME;
        String jar;
        boolean help;

        static Options parse(List<String> args) {
            Options options = new Options();
            boolean scopeGiven = false;
            List<String> words = new ArrayList<>(args);
            for (int i = 0; i < words.size(); i++) {
                String word = words.get(i);
                String value = null;
                int eq = word.indexOf('=');
                if (word.startsWith("--") && eq > 0) {
                    value = word.substring(eq + 1);
                    word = word.substring(0, eq);
                }
                switch (word) {
                    case "--user", "--sys-prefix" -> {
                        if (scopeGiven && !options.scope.equals(word)) {
                            throw UserError.of("kernel install takes either --user or --sys-prefix, not both");
                        }
                        scopeGiven = true;
                        options.scope = word;
                    }
                    case "--name" -> {
                        options.name = value != null ? value : valueAfter(words, i++, word);
                        if (!NAME.matcher(options.name).matches()) {
                            throw UserError.of("kernel name '" + options.name + "' may contain only letters, "
                                    + "digits, '.', '_' and '-'");
                        }
                    }
                    case "--jar" -> options.jar = value != null ? value : valueAfter(words, i++, word);
                    case "--help", "-h" -> options.help = true;
                    default -> throw UserError.of("unknown option '" + words.get(i) + "' for 'kernel install'",
                            OPTIONS);
                }
            }
            return options;
        }

        private static String valueAfter(List<String> words, int i, String option) {
            if (i + 1 >= words.size() || words.get(i + 1).startsWith("--")) {
                throw UserError.of("option " + option + " of 'kernel install' needs a value");
            }
            return words.get(i + 1);
        }
    }
}
