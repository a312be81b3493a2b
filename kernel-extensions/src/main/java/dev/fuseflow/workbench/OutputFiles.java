package dev.fuseflow.workbench;

import dev.fuseflow.diagnostics.UserError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes {@code -o FILE} outputs atomically and never over a file that already exists. */
final class OutputFiles {
    private OutputFiles() {
    }

    static void writeNew(String file, String content) {
        writeNew(file, content.getBytes(StandardCharsets.UTF_8));
    }

    static void writeNew(String file, byte[] content) {
        Path path = requireNew(file);
        try {
            Path parent = path.getParent();
            Files.createDirectories(parent);
            Path temporary = Files.createTempFile(parent, ".fuseflow-", ".tmp");
            Files.write(temporary, content);
            Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw UserError.of("cannot write output file " + file + ": " + e.getMessage());
        }
    }

    /** The file's absolute path; a user error when it already exists (checked before anything is written). */
    static Path requireNew(String file) {
        Path path = Path.of(file).toAbsolutePath();
        if (Files.exists(path)) {
            throw UserError.of("output file " + file + " already exists; choose another name or remove it first");
        }
        return path;
    }
}
