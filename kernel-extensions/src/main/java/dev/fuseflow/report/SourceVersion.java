package dev.fuseflow.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Which FuseFlow produced a report: the project version (from the jar's manifest) and the git commit of the
 * checkout the running code was built in, found by walking up from the jar (or classes folder) to the folder
 * holding {@code .git}. {@code dirty} says the checkout had uncommitted changes to tracked files.
 */
public record SourceVersion(String version, String commit, boolean dirty) {

    /** Said when the code does not live in a git checkout, or git is missing. */
    public static final String UNKNOWN_COMMIT = "unknown (not built from a git checkout, or git is not installed)";

    /** The version and commit of the code this class was loaded from. */
    public static SourceVersion current() {
        String version = Optional.ofNullable(SourceVersion.class.getPackage().getImplementationVersion())
                .orElse("0.1.0-SNAPSHOT (version not recorded: not run from the packaged jar)");
        Optional<Path> checkout = codeLocation().flatMap(SourceVersion::checkoutOf);
        if (checkout.isEmpty()) {
            return new SourceVersion(version, UNKNOWN_COMMIT, false);
        }
        Optional<String> commit = git(checkout.get(), "rev-parse", "HEAD");
        if (commit.isEmpty()) {
            return new SourceVersion(version, UNKNOWN_COMMIT, false);
        }
        boolean dirty = git(checkout.get(), "status", "--porcelain", "--untracked-files=no")
                .map(s -> !s.isBlank()).orElse(false);
        return new SourceVersion(version, commit.get().strip(), dirty);
    }

    private static Optional<Path> codeLocation() {
        CodeSource source = SourceVersion.class.getProtectionDomain().getCodeSource();
        try {
            return source == null ? Optional.empty() : Optional.of(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The nearest folder at or above {@code start} holding {@code .git} (a folder, or a worktree's file). */
    static Optional<Path> checkoutOf(Path start) {
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(".git"))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    /** Runs git in {@code dir}; empty when git is missing, fails or hangs. */
    static Optional<String> git(Path dir, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            process.getOutputStream().close();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Thread reader = new Thread(() -> {
                try (InputStream in = process.getInputStream()) {
                    in.transferTo(out);
                } catch (IOException ignored) {
                    // the process ended
                }
            });
            reader.start();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            reader.join(2_000);
            return process.exitValue() == 0 ? Optional.of(out.toString(StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
