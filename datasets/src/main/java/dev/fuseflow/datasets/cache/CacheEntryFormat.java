package dev.fuseflow.datasets.cache;

import dev.fuseflow.datasets.DataPart;
import dev.fuseflow.datasets.DenseMatrix;
import dev.fuseflow.datasets.SparseMatrix;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bytes of one cache entry, little-endian: the magic {@code FFDSET01}, the full cache key, the part count,
 * then per part its name, kind (0 sparse, 1 dense), row and column counts, entry count and arrays; last, the
 * CRC-32C of everything before it. The key is stored so that a hash collision of file names cannot serve
 * the wrong data.
 */
final class CacheEntryFormat {
    private static final byte[] MAGIC = "FFDSET01".getBytes(StandardCharsets.US_ASCII);
    private static final int NAME_LIMIT = 1 << 16;
    private static final int SPARSE = 0;
    private static final int DENSE = 1;

    private CacheEntryFormat() {
    }

    static void write(Path file, String key, Map<String, DataPart> parts) throws IOException {
        try (ChecksummedOutput out = new ChecksummedOutput(FileChannel.open(file, StandardOpenOption.WRITE,
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING))) {
            out.bytes(MAGIC);
            out.string(key);
            out.int32(parts.size());
            for (Map.Entry<String, DataPart> entry : parts.entrySet()) {
                out.string(entry.getKey());
                DataPart part = entry.getValue();
                out.int32(part instanceof SparseMatrix ? SPARSE : DENSE);
                out.int32(part.rowCount());
                out.int32(part.colCount());
                if (part instanceof SparseMatrix sparse) {
                    out.int32(sparse.nnz());
                    out.ints(sparse.rows());
                    out.ints(sparse.cols());
                    out.floats(sparse.values());
                } else {
                    DenseMatrix dense = (DenseMatrix) part;
                    out.int32(dense.values().length);
                    out.floats(dense.values());
                }
            }
            out.finish();
        }
    }

    /** The parts stored under {@code key}; {@link CorruptEntryException} or an I/O error when it cannot be trusted. */
    static Map<String, DataPart> read(Path file, String key) throws IOException {
        try (ChecksummedInput in = new ChecksummedInput(FileChannel.open(file, StandardOpenOption.READ))) {
            if (!Arrays.equals(in.bytes(MAGIC.length), MAGIC)) {
                throw new CorruptEntryException("it does not start with the cache magic");
            }
            String stored = in.string(NAME_LIMIT);
            if (!stored.equals(key)) {
                throw new CorruptEntryException("it holds '" + stored + "', not '" + key + "'");
            }
            int count = in.int32();
            if (count < 0 || count > 64) {
                throw new CorruptEntryException("it claims " + count + " parts");
            }
            Map<String, DataPart> parts = new LinkedHashMap<>();
            for (int p = 0; p < count; p++) {
                String name = in.string(NAME_LIMIT);
                int kind = in.int32();
                int rows = in.int32();
                int cols = in.int32();
                int entries = in.int32();
                if (rows < 0 || cols < 0) {
                    throw new CorruptEntryException("part " + name + " has a negative size");
                }
                if (kind == SPARSE) {
                    int[] r = in.ints(entries);
                    int[] c = in.ints(entries);
                    float[] v = in.floats(entries);
                    parts.put(name, new SparseMatrix(rows, cols, r, c, v));
                } else if (kind == DENSE && (long) rows * cols == entries) {
                    parts.put(name, new DenseMatrix(rows, cols, in.floats(entries)));
                } else {
                    throw new CorruptEntryException("part " + name + " has kind " + kind + " and " + entries + " entries");
                }
            }
            long computed = in.checksum();
            if (in.storedChecksum() != computed || !in.atEnd()) {
                throw new CorruptEntryException("its checksum does not match its contents");
            }
            return parts;
        }
    }
}
