package dev.fuseflow.simulator.interop;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.TextFormat;
import dev.fuseflow.diagnostics.UserError;
import dev.fuseflow.simulator.interop.proto.ComalGraph;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The two encodings of a {@link ComalGraph} on disk: the binary wire format (the compiler's {@code op.bin})
 * and the text format (what it prints, saved by the artifact as {@code *_proto.proto} or {@code .proto.txt}).
 */
public final class ComalGraphFile {

    /** How a graph is stored. */
    public enum Encoding {
        BINARY, TEXT;

        /** The encoding a file name implies, or {@code null} when it says nothing. */
        static Encoding byName(Path file) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".txt") || name.endsWith(".pbtxt") || name.endsWith(".textproto")
                    || name.endsWith(".txtpb") || name.endsWith(".proto")) {
                return TEXT;
            }
            if (name.endsWith(".bin") || name.endsWith(".pb") || name.endsWith(".binpb")) {
                return BINARY;
            }
            return null;
        }
    }

    private ComalGraphFile() {
    }

    /** Reads a graph, choosing the encoding by extension, else by content. */
    public static ComalGraph read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw UserError.of("Comal graph file " + file + " does not exist.");
        } catch (IOException e) {
            throw UserError.of("Comal graph file " + file + " cannot be read: " + e.getMessage() + ".");
        }
        Encoding encoding = Encoding.byName(file);
        if (encoding == null) {
            encoding = looksLikeText(bytes) ? Encoding.TEXT : Encoding.BINARY;
        }
        return parse(bytes, encoding, file.toString());
    }

    /** Parses a graph in the given encoding; {@code source} names it in errors. */
    public static ComalGraph parse(byte[] bytes, Encoding encoding, String source) {
        if (encoding == Encoding.BINARY) {
            try {
                return ComalGraph.parseFrom(bytes);
            } catch (InvalidProtocolBufferException e) {
                throw UserError.of(source + " is not a binary ComalGraph protobuf (" + e.getMessage() + ").");
            }
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        ComalGraph.Builder graph = ComalGraph.newBuilder();
        try {
            TextFormat.getParser().merge(text, graph);
        } catch (TextFormat.ParseException e) {
            // The parser's message names the field or token at fault; keep that, on one line, without its
            // "line:col:" prefixes and the schema's package name.
            String sentence = e.getMessage().replaceAll("\\d+:\\d+:", " ").replace("fuseflow.comal.", "")
                    .replaceAll("\\s+", " ").replaceAll("[ .:]+$", "").trim();
            if (sentence.startsWith("Input contains unknown fields and/or extensions")) {
                sentence = "unknown field " + sentence.substring(sentence.lastIndexOf(' ') + 1);
            }
            throw UserError.at(source, Math.max(e.getLine(), 1), Math.max(e.getColumn(), 1),
                    "not a text-format ComalGraph: " + sentence + ".");
        }
        return graph.build();
    }

    /** Writes a graph in the given encoding. */
    public static void write(ComalGraph graph, Path file, Encoding encoding) throws IOException {
        byte[] bytes = encoding == Encoding.BINARY ? graph.toByteArray()
                : TextFormat.printer().printToString(graph).getBytes(StandardCharsets.UTF_8);
        Files.write(file, bytes);
    }

    /**
     * Text files are valid UTF-8 without control characters other than tab, newline and carriage return; a
     * binary ComalGraph starts with a field tag and a length byte, so it fails this test at once.
     */
    static boolean looksLikeText(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            return false;
        }
        for (byte b : bytes) {
            if ((b >= 0 && b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b == 0x7f) {
                return false;
            }
        }
        return true;
    }
}
