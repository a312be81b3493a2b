package dev.fuseflow.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The record of what a kernel ran, written while a notebook executes and read back by {@code report} for its
 * provenance block: one JSON object per line, a {@link Session} when the kernel writes its first line, then
 * one {@link Run} per workbench command ({@code %fuseflow ...} or {@code FuseFlow.run(...)}).
 *
 * <p>The kernel writes one only when the environment variable {@value #ENV} names a file (the report
 * command sets it for the kernel it starts); an interactive kernel writes nothing.
 */
public final class RunLog {

    /** The environment variable naming the file a kernel appends its runs to. */
    public static final String ENV = "FUSEFLOW_RUN_LOG";

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    /** The kernel that ran the notebook: its FuseFlow version, JDK and heap. */
    public record Session(String version, String jdk, long heapMaxBytes, long pid, String started) {

        /** This JVM. */
        public static Session current(String version, String started) {
            return new Session(version, System.getProperty("java.vm.name") + " " + Runtime.version(),
                    Runtime.getRuntime().maxMemory(), ProcessHandle.current().pid(), started);
        }
    }

    /**
     * One workbench command.
     *
     * @param cell       the notebook cell's execution count (0 when unknown)
     * @param words      the command line, e.g. {@code [simulate, --model, zoo:spmm, ...]}
     * @param options    every option's value as the command saw it, defaults included, by long name
     *                   ({@code --fusion} → {@code unfused}); empty when the line did not parse
     * @param started    ISO-8601 instant
     * @param wallMillis how long it ran
     * @param outcome    {@code ok}, or what went wrong in a few words
     * @param results    what the run resolved and measured, from its JSON: the order {@code auto} chose,
     *                   cycles, whether it verified ({@link #RESULT_FIELDS}); empty for runs without JSON
     */
    public record Run(int cell, List<String> words, Map<String, String> options, String started, long wallMillis,
            String outcome, Map<String, String> results) {

        /** The fields of a command's JSON output a run record keeps. */
        public static final List<String> RESULT_FIELDS = List.of("order", "cycles", "verified", "max_rel_error",
                "composition");

        public String command() {
            return words.isEmpty() ? "" : words.get(0);
        }

        /** The value of an option as the command saw it, e.g. {@code option("--timing")}. */
        public Optional<String> option(String name) {
            return Optional.ofNullable(options.get(name));
        }
    }

    /**
     * The {@link Run#RESULT_FIELDS} of a command's JSON output (one object, or the first of several lines),
     * as text; empty when there is no such JSON.
     */
    public static Map<String, String> results(String json) {
        Map<String, String> results = new java.util.LinkedHashMap<>();
        if (json == null || json.isBlank()) {
            return results;
        }
        JsonObject object = object(json).orElseGet(() -> object(json.strip().lines().findFirst().orElse(""))
                .orElse(new JsonObject()));
        for (String field : Run.RESULT_FIELDS) {
            if (object.has(field) && object.get(field).isJsonPrimitive()) {
                results.put(field, object.get(field).getAsString());
            }
        }
        return results;
    }

    private static Optional<JsonObject> object(String text) {
        try {
            return Optional.of(JsonParser.parseString(text).getAsJsonObject());
        } catch (JsonParseException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    /** What a log file holds. */
    public record Contents(List<Session> sessions, List<Run> runs) {
    }

    private final Path file;
    private final Session session;
    private boolean sessionWritten;

    public RunLog(Path file, Session session) {
        this.file = file;
        this.session = session;
    }

    /** The log named by {@value #ENV}, if set. */
    public static Optional<RunLog> fromEnvironment(Session session) {
        String path = System.getenv(ENV);
        return path == null || path.isBlank() ? Optional.empty() : Optional.of(new RunLog(Path.of(path), session));
    }

    /** Appends one run (after the session line, the first time); a failure to write is an unchecked I/O error. */
    public synchronized void append(Run run) {
        StringBuilder lines = new StringBuilder();
        if (!sessionWritten) {
            lines.append(line("session", GSON.toJsonTree(session).getAsJsonObject()));
        }
        lines.append(line("run", GSON.toJsonTree(run).getAsJsonObject()));
        try {
            Files.writeString(file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE);
            sessionWritten = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the run log " + file, e);
        }
    }

    private static String line(String kind, JsonObject body) {
        body.addProperty("kind", kind);
        return GSON.toJson(body) + "\n";
    }

    /** Reads a log; a missing file is an empty log, a line that is not a record is skipped. */
    public static Contents read(Path file) {
        List<Session> sessions = new ArrayList<>();
        List<Run> runs = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return new Contents(sessions, runs);
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the run log " + file, e);
        }
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonObject object = JsonParser.parseString(line).getAsJsonObject();
                String kind = object.has("kind") ? object.get("kind").getAsString() : "";
                if (kind.equals("session")) {
                    sessions.add(GSON.fromJson(object, Session.class));
                } else if (kind.equals("run")) {
                    Run run = GSON.fromJson(object, Run.class);
                    runs.add(new Run(run.cell(), run.words() == null ? List.of() : run.words(),
                            run.options() == null ? Map.of() : run.options(), run.started(), run.wallMillis(),
                            run.outcome(), run.results() == null ? Map.of() : run.results()));
                }
            } catch (JsonParseException | IllegalStateException e) {
                // a line cut short by a kernel that died mid-write: the others still tell the story
            }
        }
        return new Contents(sessions, runs);
    }
}
