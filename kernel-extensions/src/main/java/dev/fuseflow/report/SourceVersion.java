package dev.fuseflow.report;

import dev.fuseflow.process.ProcessInterruptedException;
import dev.fuseflow.process.ProcessResult;
import dev.fuseflow.process.ProcessRunner;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

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

    /** How long a git command may take before the commit is given as unknown. */
    private static final Duration GIT_TIMEOUT = Duration.ofSeconds(10);

    /** Runs git in {@code dir}; empty when git is missing, fails, hangs or is interrupted. */
    static Optional<String> git(Path dir, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        try {
            ProcessResult result = new ProcessRunner(command).discardErrors().timeout(GIT_TIMEOUT).run();
            return result.exitCode() == 0 && !result.timedOut() ? Optional.of(result.output()) : Optional.empty();
        } catch (IOException | ProcessInterruptedException e) {
            return Optional.empty();
        }
    }
}
