package dev.fuseflow.datasets.cache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/** Little-endian binary output to a file channel through one buffer, with a running CRC-32C of every byte. */
final class ChecksummedOutput implements AutoCloseable {
    private static final int BUFFER = 1 << 20;
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
    private final CRC32C crc = new CRC32C();

    ChecksummedOutput(FileChannel channel) {
        this.channel = channel;
    }

    void bytes(byte[] data) throws IOException {
        room(4);
        buffer.putInt(data.length);
        for (int off = 0; off < data.length; ) {
            room(1);
            int n = Math.min(buffer.remaining(), data.length - off);
            buffer.put(data, off, n);
            off += n;
        }
    }

    void string(String text) throws IOException {
        bytes(text.getBytes(StandardCharsets.UTF_8));
    }

    void int32(int value) throws IOException {
        room(4);
        buffer.putInt(value);
    }

    void int64(long value) throws IOException {
        room(8);
        buffer.putLong(value);
    }

    void ints(int[] values) throws IOException {
        for (int off = 0; off < values.length; ) {
            room(4);
            int n = Math.min(buffer.remaining() / 4, values.length - off);
            buffer.asIntBuffer().put(values, off, n);
            buffer.position(buffer.position() + 4 * n);
            off += n;
        }
    }

    void floats(float[] values) throws IOException {
        for (int off = 0; off < values.length; ) {
            room(4);
            int n = Math.min(buffer.remaining() / 4, values.length - off);
            buffer.asFloatBuffer().put(values, off, n);
            buffer.position(buffer.position() + 4 * n);
            off += n;
        }
    }

    /** Writes the checksum of everything so far (not itself checksummed) and flushes. */
    void finish() throws IOException {
        flush();
        long value = crc.getValue();
        buffer.putLong(value);
        buffer.flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        buffer.clear();
        channel.force(true);
    }

    private void room(int bytes) throws IOException {
        if (buffer.remaining() < bytes) {
            flush();
        }
    }

    private void flush() throws IOException {
        buffer.flip();
        crc.update(buffer.duplicate());
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        buffer.clear();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
