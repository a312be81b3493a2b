package dev.fuseflow.datasets.io;

import dev.fuseflow.diagnostics.UserError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The NumPy {@code .npy} format (versions 1.0, 2.0 and 3.0): the magic {@code \x93NUMPY}, a version, a header
 * length, a Python-dict header with {@code descr}, {@code fortran_order} and {@code shape}, then the raw data.
 * Written here as version 1.0 with the header padded so the data starts on a 64-byte boundary, as numpy does.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([a-zA-Z])(\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    public static NpyArray read(Path file) {
        try {
            return parse(Files.readAllBytes(file), file.toString());
        } catch (NoSuchFileException e) {
            throw UserError.of("dataset file " + file + " does not exist");
        } catch (IOException e) {
            throw UserError.of("dataset file " + file + " cannot be read (" + e.getMessage() + ")");
        }
    }

    /** Parses one array; {@code source} names it in messages. */
    public static NpyArray parse(byte[] bytes, String source) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes.length <= i || bytes[i] != MAGIC[i]) {
                throw UserError.of(source + ": not a NumPy .npy array (it does not start with the \\x93NUMPY magic)");
            }
        }
        if (bytes.length < 10) {
            throw UserError.of(source + ": the .npy header is truncated after " + bytes.length + " bytes");
        }
        int major = bytes[6];
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength;
        int start;
        if (major == 1) {
            headerLength = in.getShort(8) & 0xFFFF;
            start = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) {
                throw UserError.of(source + ": the .npy header is truncated after " + bytes.length + " bytes");
            }
            headerLength = in.getInt(8) & 0xFFFFFFFFL;
            start = 12;
        } else {
            throw UserError.of(source + ": .npy format version " + major + "." + bytes[7] + " is not supported "
                    + "(accepted: 1.0, 2.0, 3.0)");
        }
        if (start + headerLength > bytes.length) {
            throw UserError.of(source + ": the .npy header claims " + headerLength + " bytes but the file ends after "
                    + (bytes.length - start));
        }
        String header = new String(bytes, start, (int) headerLength, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher descr = DESCR.matcher(header);
        Matcher fortran = FORTRAN.matcher(header);
        Matcher shapeText = SHAPE.matcher(header);
        if (!descr.find() || !fortran.find() || !shapeText.find()) {
            throw UserError.of(source + ": the .npy header '" + header.strip() + "' lacks a simple 'descr', "
                    + "'fortran_order' or 'shape' entry (structured dtypes are not supported)");
        }
        char kind = descr.group(2).charAt(0);
        int itemSize = Integer.parseInt(descr.group(3));
        boolean known = switch (kind) {
            case 'i', 'u' -> itemSize == 1 || itemSize == 2 || itemSize == 4 || itemSize == 8;
            case 'f' -> itemSize == 4 || itemSize == 8;
            case 'b' -> itemSize == 1;
            case 'S' -> true;
            default -> false;
        };
        if (!known) {
            throw UserError.of(source + ": dtype '" + descr.group(1) + kind + itemSize + "' is not supported "
                    + "(accepted: int8..int64, uint8..uint64, float32, float64, bool, byte strings)");
        }
        ByteOrder order = descr.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        List<Integer> dims = new ArrayList<>();
        for (String word : shapeText.group(1).split(",")) {
            if (!word.isBlank()) {
                try {
                    dims.add(Integer.parseInt(word.trim().replace("L", "")));
                } catch (NumberFormatException e) {
                    throw UserError.of(source + ": the .npy shape (" + shapeText.group(1) + ") is not a tuple of integers");
                }
            }
        }
        int[] shape = dims.stream().mapToInt(Integer::intValue).toArray();
        long count = 1;
        for (int d : shape) {
            count *= d;
        }
        int dataStart = (int) (start + headerLength);
        long needed = count * itemSize;
        long held = bytes.length - dataStart;
        if (held != needed) {
            throw UserError.of(source + ": shape " + shapeOf(shape) + " of dtype " + descr.group(1) + kind + itemSize
                    + " needs " + needed + " bytes of data, but the file holds " + held
                    + (held < needed ? " (truncated?)" : ""));
        }
        ByteBuffer data = ByteBuffer.wrap(bytes, dataStart, (int) needed).slice().order(order);
        return new NpyArray(source, kind, itemSize, order, shape, fortran.group(1).equals("True"), data);
    }

    private static String shapeOf(int[] shape) {
        return new NpyArray("", 'i', 1, ByteOrder.LITTLE_ENDIAN, shape, false, ByteBuffer.allocate(0)).shapeText();
    }

    /** A little-endian array in C order: {@code descr} as {@code <i8}, {@code <i4}, {@code <f4}, {@code |S3}. */
    public static byte[] encode(String descr, int[] shape, byte[] littleEndianData) {
        String shapeText = shapeOf(shape);
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shapeText + ", }";
        int unpadded = 10 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(padding) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream(10 + header.length() + littleEndianData.length);
        out.writeBytes(MAGIC);
        out.write(1);
        out.write(0);
        out.write(header.length() & 0xFF);
        out.write(header.length() >>> 8);
        out.writeBytes(header.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(littleEndianData);
        return out.toByteArray();
    }

    public static byte[] encodeLongs(int[] shape, long[] values) {
        ByteBuffer data = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        data.asLongBuffer().put(values);
        return encode("<i8", shape, data.array());
    }

    public static byte[] encodeInts(int[] shape, int[] values) {
        ByteBuffer data = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        data.asIntBuffer().put(values);
        return encode("<i4", shape, data.array());
    }

    public static byte[] encodeFloats(int[] shape, float[] values) {
        ByteBuffer data = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        data.asFloatBuffer().put(values);
        return encode("<f4", shape, data.array());
    }

    public static byte[] encodeString(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        return encode("|S" + bytes.length, new int[0], bytes);
    }

    /** Writes one array to a new file; never overwrites. */
    public static void write(Path file, byte[] encoded) {
        try (OutputStream out = NewFiles.stream(file)) {
            out.write(encoded);
        } catch (IOException e) {
            throw UserError.of("cannot write " + file + " (" + e.getMessage() + ")");
        }
    }
}
