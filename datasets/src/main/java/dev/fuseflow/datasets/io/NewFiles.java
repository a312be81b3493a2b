package dev.fuseflow.datasets.io;

import dev.fuseflow.diagnostics.UserError;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Opens files for writing only when they do not exist yet: a file a user wrote is never overwritten. */
final class NewFiles {
    private NewFiles() {
    }

    static BufferedWriter create(Path file) throws IOException {
        return new BufferedWriter(new java.io.OutputStreamWriter(stream(file), StandardCharsets.UTF_8), 1 << 16);
    }

    static OutputStream stream(Path file) throws IOException {
        try {
            return Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw UserError.of(file + " already exists and is not overwritten; choose a new file name");
        }
    }
}
