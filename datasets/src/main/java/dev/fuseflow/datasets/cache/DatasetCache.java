package dev.fuseflow.datasets.cache;

import dev.fuseflow.datasets.DataPart;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Generated datasets stored once on disk, keyed by name, parameters and seed (the plan's cache key, which also
 * carries the generator version). An entry is written to a temporary file in the cache directory and moved
 * into place in one step, so a reader never sees half an entry; every load verifies the entry's checksum, and
 * an entry that fails (truncated, garbled, another key) is regenerated and replaced with a warning.
 *
 * <p>Where: {@code -Dfuseflow.cache=DIR}, else {@code $FUSEFLOW_CACHE}, else {@code ~/.cache/fuseflow};
 * entries go to its {@code datasets/} folder. Entries larger than the size limit (default 1 GiB, {@code
 * -Dfuseflow.cache.maxMB}) are not stored: regenerating them is about as fast as reading them back. A cache
 * directory that cannot be written costs a warning, never the run.
 */
public final class DatasetCache {
    public static final String PROPERTY = "fuseflow.cache";
    public static final String ENVIRONMENT = "FUSEFLOW_CACHE";
    public static final long DEFAULT_MAX_BYTES = 1L << 30;
    private static final String SUFFIX = ".ffds";

    private final Path directory;
    private final long maxEntryBytes;
    private final Consumer<String> warnings;

    /**
     * @param directory     where entries live ({@code null}: caching off)
     * @param maxEntryBytes entries estimated larger than this are generated but not stored
     * @param warnings      receives one sentence per problem (corrupt entry, unwritable directory)
     */
    public DatasetCache(Path directory, long maxEntryBytes, Consumer<String> warnings) {
        this.directory = directory;
        this.maxEntryBytes = maxEntryBytes;
        this.warnings = warnings;
    }

    /** The cache the command line uses: location from the property, the environment or the home folder. */
    public static DatasetCache standard() {
        String configured = System.getProperty(PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(ENVIRONMENT);
        }
        Path root = configured == null || configured.isBlank()
                ? Path.of(System.getProperty("user.home"), ".cache", "fuseflow")
                : Path.of(configured);
        long max = DEFAULT_MAX_BYTES;
        String maxMb = System.getProperty(PROPERTY + ".maxMB");
        if (maxMb != null) {
            try {
                max = Long.parseLong(maxMb.trim()) << 20;
            } catch (NumberFormatException e) {
                System.err.println("fuseflow: warning: -D" + PROPERTY + ".maxMB=" + maxMb + " is not a number of MB; using "
                        + (DEFAULT_MAX_BYTES >> 20));
            }
        }
        return new DatasetCache(root.resolve("datasets"), max, message -> System.err.println("fuseflow: warning: " + message));
    }

    /** No caching: every dataset is generated afresh. */
    public static DatasetCache disabled() {
        return new DatasetCache(null, 0, message -> { });
    }

    public Optional<Path> directory() {
        return Optional.ofNullable(directory);
    }

    /** The file an entry with this key lives in. */
    public Path entryFile(String key) {
        if (directory == null) {
            throw new IllegalStateException("caching is off");
        }
        return directory.resolve(hash(key) + SUFFIX);
    }

    /** The cached parts for {@code key}, or freshly generated ones (then stored when they fit the size limit). */
    public Map<String, DataPart> loadOrGenerate(String key, long estimatedBytes, Supplier<Map<String, DataPart>> generator) {
        if (directory == null || estimatedBytes > maxEntryBytes) {
            return generator.get();
        }
        Path file = entryFile(key);
        if (Files.exists(file)) {
            try {
                return CacheEntryFormat.read(file, key);
            } catch (CorruptEntryException | IOException e) {
                warnings.accept("cache entry " + file + " for '" + key + "' cannot be used (" + reason(e)
                        + "); generating it again");
            }
        }
        Map<String, DataPart> parts = generator.get();
        store(file, key, parts);
        return parts;
    }

    private void store(Path file, String key, Map<String, DataPart> parts) {
        Path temporary = null;
        try {
            Files.createDirectories(directory);
            temporary = Files.createTempFile(directory, file.getFileName().toString(), ".tmp");
            CacheEntryFormat.write(temporary, key, parts);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            warnings.accept("cannot store dataset '" + key + "' in the cache " + directory + " (" + reason(e)
                    + "); it will be generated again next time");
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // the temporary file is ours; leaving it behind only costs disk space
                }
            }
        }
    }

    private static String reason(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
