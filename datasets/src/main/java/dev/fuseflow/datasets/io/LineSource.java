package dev.fuseflow.datasets.io;

import dev.fuseflow.diagnostics.UserError;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** A text file read line by line that knows where it is, so every complaint names {@code file:line:col}. */
final class LineSource implements AutoCloseable {
    private final Path file;
    private final BufferedReader reader;
    private int line;

    private LineSource(Path file, BufferedReader reader) {
        this.file = file;
        this.reader = reader;
    }

    static LineSource open(Path file) {
        try {
            return new LineSource(file, Files.newBufferedReader(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw UserError.of("dataset file " + file + " does not exist");
        } catch (IOException e) {
            throw UserError.of("dataset file " + file + " cannot be read (" + e.getMessage() + ")");
        }
    }

    /** The next line, or null at the end. */
    String next() {
        try {
            String text = reader.readLine();
            if (text != null) {
                line++;
            }
            return text;
        } catch (IOException e) {
            // MalformedInputException lands here: the file is not UTF-8 text
            throw UserError.at(file.toString(), line + 1, 1, "cannot be read as text (" + e + "); a text file was expected");
        }
    }

    int line() {
        return line;
    }

    Path file() {
        return file;
    }

    /** A mistake on the current line. */
    UserError error(int column, String sentence) {
        return UserError.at(file.toString(), Math.max(1, line), column, sentence);
    }

    /** A mistake on the current line, at the column where {@code token} starts in {@code text}. */
    UserError error(String text, String token, String sentence) {
        int at = token == null ? -1 : text.indexOf(token);
        return error(at < 0 ? 1 : at + 1, sentence);
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException ignored) {
            // nothing was written; closing a reader cannot lose data
        }
    }
}
