package dev.fuseflow.datasets.cache;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/** Reads what {@link ChecksummedOutput} wrote, keeping the same running CRC-32C. */
final class ChecksummedInput implements AutoCloseable {
    private static final int BUFFER = 1 << 20;
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
    private final CRC32C crc = new CRC32C();
    private final long size;
    private long consumed;

    ChecksummedInput(FileChannel channel) throws IOException {
        this.channel = channel;
        this.size = channel.size();
        buffer.limit(0);
    }

    /** Bytes not yet read, for sanity checks of lengths before allocating. */
    long remaining() {
        return size - consumed;
    }

    byte[] bytes(int limit) throws IOException {
        int length = int32();
        if (length < 0 || length > limit || length > remaining()) {
            throw new CorruptEntryException("a length of " + length + " bytes is impossible here");
        }
        byte[] data = new byte[length];
        for (int off = 0; off < length; ) {
            need(1);
            int n = Math.min(buffer.remaining(), length - off);
            take(n);
            buffer.get(data, off, n);
            off += n;
        }
        return data;
    }

    String string(int limit) throws IOException {
        return new String(bytes(limit), StandardCharsets.UTF_8);
    }

    int int32() throws IOException {
        need(4);
        take(4);
        return buffer.getInt();
    }

    long int64() throws IOException {
        need(8);
        take(8);
        return buffer.getLong();
    }

    int[] ints(int count) throws IOException {
        check(count);
        int[] values = new int[count];
        for (int off = 0; off < count; ) {
            need(4);
            int n = Math.min(buffer.remaining() / 4, count - off);
            take(4 * n);
            buffer.asIntBuffer().get(values, off, n);
            buffer.position(buffer.position() + 4 * n);
            off += n;
        }
        return values;
    }

    float[] floats(int count) throws IOException {
        check(count);
        float[] values = new float[count];
        for (int off = 0; off < count; ) {
            need(4);
            int n = Math.min(buffer.remaining() / 4, count - off);
            take(4 * n);
            buffer.asFloatBuffer().get(values, off, n);
            buffer.position(buffer.position() + 4 * n);
            off += n;
        }
        return values;
    }

    /** The checksum of everything read so far. */
    long checksum() {
        return crc.getValue();
    }

    /** Reads the stored checksum that follows the data (not part of the running sum). */
    long storedChecksum() throws IOException {
        need(8);
        consumed += 8;
        return buffer.getLong();
    }

    boolean atEnd() {
        return remaining() == 0;
    }

    private void check(int count) {
        if (count < 0 || 4L * count > remaining()) {
            throw new CorruptEntryException("an array of " + count + " numbers does not fit the " + remaining()
                    + " bytes left");
        }
    }

    private void take(int bytes) {
        ByteBuffer slice = buffer.duplicate();
        slice.limit(slice.position() + bytes);
        crc.update(slice);
        consumed += bytes;
    }

    private void need(int bytes) throws IOException {
        if (buffer.remaining() >= bytes) {
            return;
        }
        buffer.compact();
        while (buffer.position() < bytes) {
            if (channel.read(buffer) < 0) {
                throw new EOFException("the entry ends early");
            }
        }
        buffer.flip();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
