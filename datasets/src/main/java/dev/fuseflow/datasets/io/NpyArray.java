package dev.fuseflow.datasets.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One NumPy array as read from a {@code .npy} file or an {@code .npz} member: its dtype (kind {@code i}, {@code
 * u}, {@code f}, {@code b} or {@code S}, item size, byte order), its shape and its raw data.
 *
 * @param source where it came from, for messages ({@code file} or {@code file[member]})
 */
public record NpyArray(String source, char kind, int itemSize, ByteOrder order, int[] shape, boolean fortranOrder,
        ByteBuffer data) {

    public long count() {
        long count = 1;
        for (int d : shape) {
            count *= d;
        }
        return count;
    }

    public boolean isInteger() {
        return kind == 'i' || kind == 'u' || kind == 'b';
    }

    /** The dtype as numpy writes it, e.g. {@code <i8}. */
    public String descr() {
        char prefix = itemSize == 1 ? '|' : order == ByteOrder.LITTLE_ENDIAN ? '<' : '>';
        return prefix + String.valueOf(kind) + itemSize;
    }

    /** Element {@code i} in storage order, as an integer (integer and bool dtypes). */
    public long longAt(long i) {
        return longAt(data.duplicate().order(order), i);
    }

    private long longAt(ByteBuffer b, long i) {
        int at = Math.toIntExact(i * itemSize);
        return switch (kind) {
            case 'b' -> b.get(at) != 0 ? 1 : 0;
            case 'i' -> switch (itemSize) {
                case 1 -> b.get(at);
                case 2 -> b.getShort(at);
                case 4 -> b.getInt(at);
                default -> b.getLong(at);
            };
            case 'u' -> switch (itemSize) {
                case 1 -> b.get(at) & 0xFF;
                case 2 -> b.getShort(at) & 0xFFFF;
                case 4 -> b.getInt(at) & 0xFFFFFFFFL;
                default -> b.getLong(at);
            };
            default -> (long) doubleAt(b, i);
        };
    }

    /** Element {@code i} in storage order, as a number. */
    public double doubleAt(long i) {
        return doubleAt(data.duplicate().order(order), i);
    }

    private double doubleAt(ByteBuffer b, long i) {
        if (kind != 'f') {
            return longAt(b, i);
        }
        int at = Math.toIntExact(i * itemSize);
        return itemSize == 4 ? b.getFloat(at) : b.getDouble(at);
    }

    /** The element at row-major (C-order) position {@code i}, whatever the storage order. */
    public long storageIndex(long rowMajor) {
        if (!fortranOrder || shape.length < 2) {
            return rowMajor;
        }
        long rest = rowMajor;
        long[] index = new long[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            index[d] = rest % shape[d];
            rest /= shape[d];
        }
        long at = 0;
        for (int d = shape.length - 1; d >= 0; d--) {
            at = at * shape[d] + index[d];
        }
        return at;
    }

    /** The values in row-major order as float32. */
    public float[] toFloats() {
        ByteBuffer b = data.duplicate().order(order);
        float[] values = new float[Math.toIntExact(count())];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) doubleAt(b, storageIndex(i));
        }
        return values;
    }

    /** The values in row-major order as integers (integer and bool dtypes). */
    public long[] toLongs() {
        ByteBuffer b = data.duplicate().order(order);
        long[] values = new long[Math.toIntExact(count())];
        for (int i = 0; i < values.length; i++) {
            values[i] = longAt(b, storageIndex(i));
        }
        return values;
    }

    /** A byte-string scalar ({@code S} dtype), e.g. scipy's {@code format}. */
    public String asString() {
        byte[] bytes = new byte[data.remaining()];
        data.duplicate().get(bytes);
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] == 0) {
            end--;
        }
        return new String(bytes, 0, end, StandardCharsets.US_ASCII);
    }

    public String shapeText() {
        String inner = Arrays.stream(shape).mapToObj(Integer::toString).reduce((a, b) -> a + ", " + b).orElse("");
        return "(" + inner + (shape.length == 1 ? ",)" : ")");
    }
}
