package dev.fuseflow.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository root (the folder with {@code ./fuseflow}) for tests that run the launcher. */
final class RepoRoot {
    private RepoRoot() {
    }

    /** {@code -Dfuseflow.repoRoot} (set by the parent pom), else the nearest parent of the working dir with the launcher. */
    static Path find() {
        String property = System.getProperty("fuseflow.repoRoot");
        if (property != null && isRoot(Path.of(property))) {
            return Path.of(property);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (isRoot(dir)) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the repository root with ./fuseflow (set -Dfuseflow.repoRoot)");
    }

    private static boolean isRoot(Path dir) {
        return Files.isRegularFile(dir.resolve("fuseflow")) && Files.isRegularFile(dir.resolve("pom.xml"));
    }
}
