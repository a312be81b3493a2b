package dev.fuseflow.workbench;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.fuseflow.datasets.cache.DatasetCache;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Sweep results on disk, one JSON file per configuration, named by the SHA-256 of a key text that spells out
 * everything that determines the result (see {@link SweepPoint#keyText()}). The key text is stored in the entry
 * and compared on reading, so a damaged or foreign file is recomputed, never trusted. Entries are written to a
 * temporary file and moved into place, so parallel workers and interrupted runs never leave half an entry.
 *
 * <p>Where: {@code --cache-dir DIR}, else the dataset cache's root ({@code -Dfuseflow.cache}, {@code
 * $FUSEFLOW_CACHE}, {@code ~/.cache/fuseflow}) plus {@code results/}. A cache that cannot be written costs one
 * warning, never the sweep.
 */
final class ResultCache {
    private static final String FORMAT = "fuseflow-result-1";

    private final Path directory;
    private final Consumer<String> warnings;
    private volatile boolean warned;

    ResultCache(Path directory, Consumer<String> warnings) {
        this.directory = directory;
        this.warnings = warnings;
    }

    /** The cache under {@code dir}, or the standard location when {@code dir} is null. */
    static ResultCache at(String dir, Consumer<String> warnings) {
        if (dir != null) {
            return new ResultCache(Path.of(dir), warnings);
        }
        Path datasets = DatasetCache.standard().directory().orElse(Path.of(System.getProperty("user.home"),
                ".cache", "fuseflow", "datasets"));
        return new ResultCache(datasets.resolveSibling("results"), warnings);
    }

    Path directory() {
        return directory;
    }

    /** The entry's hash: SHA-256 of the key text, as hex. */
    static String hash(String keyText) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(keyText.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private Path file(String hash) {
        return directory.resolve(hash.substring(0, 2)).resolve(hash + ".json");
    }

    /** The stored fields for this key, when an intact entry exists. */
    Optional<JsonObject> read(String keyText) {
        Path file = file(hash(keyText));
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonObject entry = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
            if (!FORMAT.equals(text(entry, "format")) || !keyText.equals(text(entry, "key"))
                    || !entry.has("result") || !entry.get("result").isJsonObject()) {
                return Optional.empty();
            }
            return Optional.of(entry.getAsJsonObject("result"));
        } catch (IOException | JsonParseException | IllegalStateException e) {
            return Optional.empty(); // a damaged entry is recomputed and replaced
        }
    }

    private static String text(JsonObject entry, String name) {
        return entry.has(name) && entry.get(name).isJsonPrimitive() ? entry.get(name).getAsString() : null;
    }

    /** Stores the fields for this key, replacing an older entry. */
    void write(String keyText, JsonObject result) {
        JsonObject entry = new JsonObject();
        entry.addProperty("format", FORMAT);
        entry.addProperty("key", keyText);
        entry.add("result", result);
        Path file = file(hash(keyText));
        try {
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), ".entry-", ".tmp");
            Files.writeString(temporary, entry.toString());
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            if (!warned) {
                warned = true;
                warnings.accept("cannot write sweep results to " + directory + " (" + e.getMessage()
                        + "); the sweep goes on without caching them");
            }
        }
    }
}
