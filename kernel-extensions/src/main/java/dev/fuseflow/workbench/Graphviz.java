package dev.fuseflow.workbench;

import dev.fuseflow.diagnostics.UserError;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Draws DOT text with Graphviz's {@code dot} program when it is on the PATH (Debian package {@code graphviz}).
 * Without it, callers fall back to the DOT text itself.
 */
public final class Graphviz {
    /** The output formats {@code dot -T} is asked for. */
    static final List<String> FORMATS = List.of("svg", "png");

    private Graphviz() {
    }

    /** The {@code dot} executable on the PATH, if any. */
    public static Optional<Path> executable() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String directory : path.split(File.pathSeparator)) {
            if (directory.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(directory, "dot");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * The drawing of {@code dot} in {@code format} (svg or png), or empty when Graphviz is not installed.
     *
     * @throws UserError when {@code dot} refuses the graph (its first error line is quoted)
     */
    public static Optional<byte[]> render(String dot, String format) {
        if (!FORMATS.contains(format)) {
            throw new IllegalArgumentException("format " + format);
        }
        Optional<Path> executable = executable();
        if (executable.isEmpty()) {
            return Optional.empty();
        }
        Path input = null;
        Path errors = null;
        try {
            input = Files.createTempFile("fuseflow-graph-", ".dot");
            errors = Files.createTempFile("fuseflow-graph-", ".err");
            Files.writeString(input, dot);
            Process process = new ProcessBuilder(executable.get().toString(), "-T" + format, input.toString())
                    .redirectError(errors.toFile()).start();
            byte[] drawing;
            try (InputStream out = process.getInputStream()) {
                drawing = out.readAllBytes();
            }
            int code = process.waitFor();
            if (code != 0) {
                String message = Files.readString(errors, StandardCharsets.UTF_8).strip().lines().findFirst().orElse("");
                throw UserError.of("Graphviz dot could not draw the graph (exit " + code + "): " + message);
            }
            return Optional.of(drawing);
        } catch (IOException e) {
            throw UserError.of("cannot run Graphviz dot (" + e.getMessage() + "); use --format dot for the DOT text");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException("drawing the graph");
        } finally {
            delete(input);
            delete(errors);
        }
    }

    private static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a leftover temporary file is harmless
            }
        }
    }
}
