package dev.fuseflow.simulator.interop;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Locates the original compiler's reference graphs ({@code ../shared/fixtures/reference-graphs} beside the
 * repository root, which surefire passes as {@code fuseflow.repoRoot}); tests skip visibly without them.
 */
final class ReferenceGraphs {
    private ReferenceGraphs() {
    }

    static Path folder() {
        String root = System.getProperty("fuseflow.repoRoot", Paths.get("").toAbsolutePath().toString());
        return Paths.get(root).resolve("../shared/fixtures/reference-graphs").normalize();
    }

    /** The text-format graphs, sorted; aborts the test when the fixtures are absent. */
    static List<Path> textGraphs() {
        Path folder = folder();
        assumeTrue(Files.isDirectory(folder), "reference graphs not found at " + folder + "; skipping");
        try (var files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".proto.txt")).sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + folder, e);
        }
    }

    static String stem(Path graph) {
        return graph.getFileName().toString().replaceFirst("\\.proto\\.txt$", "");
    }
}
