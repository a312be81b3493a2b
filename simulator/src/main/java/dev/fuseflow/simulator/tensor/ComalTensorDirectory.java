package dev.fuseflow.simulator.tensor;

import dev.fuseflow.diagnostics.UserError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Tensors in the directory layout Comal reads and the artifact's data generator writes
 * (sam-streams-and-primitives.md §2.4), one number per line:
 * <ul>
 * <li>{@code tensor_<T>_mode_<m>_seg} and {@code _crd}: the arrays of the compressed level holding mode m
 * (named by mode number, not level index); dense levels store nothing;</li>
 * <li>{@code tensor_<T>_mode_vals}: the values of the last level, in level order;</li>
 * <li>{@code tensor_<T>_mode_shape}: the dimensions in mode-order (storage) order.</li>
 * </ul>
 * Comal skips lines it cannot parse, silently shifting everything after them; this reader instead rejects
 * them, and any file that is missing or inconsistent with the others, with one sentence naming the file.
 */
public final class ComalTensorDirectory {
    private ComalTensorDirectory() {
    }

    public static Path segFile(Path dir, String tensor, int mode) {
        return dir.resolve("tensor_" + tensor + "_mode_" + mode + "_seg");
    }

    public static Path crdFile(Path dir, String tensor, int mode) {
        return dir.resolve("tensor_" + tensor + "_mode_" + mode + "_crd");
    }

    public static Path valsFile(Path dir, String tensor) {
        return dir.resolve("tensor_" + tensor + "_mode_vals");
    }

    public static Path shapeFile(Path dir, String tensor) {
        return dir.resolve("tensor_" + tensor + "_mode_shape");
    }

    /** Writes the tensor's files into {@code dir} (created if needed) under the tensor's name. */
    public static void write(Path dir, FiberTensor tensor) throws IOException {
        Files.createDirectories(dir);
        String name = tensor.name();
        int[] order = tensor.modeOrder();
        List<String> shape = new ArrayList<>();
        for (int k = 0; k < tensor.rank(); k++) {
            shape.add(Integer.toString(tensor.dim(order[k])));
            if (tensor.level(k) instanceof CompressedLevel compressed) {
                writeInts(segFile(dir, name, order[k]), compressed.seg());
                writeInts(crdFile(dir, name, order[k]), compressed.crd());
            }
        }
        Files.write(shapeFile(dir, name), shape, StandardCharsets.UTF_8);
        List<String> values = new ArrayList<>();
        for (float v : tensor.values()) {
            // Float.toString is the shortest text that reads back to the same float32.
            values.add(Float.toString(v));
        }
        Files.write(valsFile(dir, name), values, StandardCharsets.UTF_8);
    }

    /**
     * Reads tensor {@code tensor}; level k holds mode {@code modeOrder[k]} with format {@code formats.get(k)}.
     */
    public static FiberTensor read(Path dir, String tensor, int[] modeOrder, List<LevelFormat> formats) {
        Path shapePath = shapeFile(dir, tensor);
        int[] stored = readInts(shapePath, "the dimensions in mode order");
        int rank = stored.length;
        if (modeOrder.length != rank || formats.size() != rank) {
            throw UserError.of(shapePath + " lists " + rank + " dimensions, but the tensor was expected to have "
                    + modeOrder.length + " levels.");
        }
        int[] shape = new int[rank];
        for (int k = 0; k < rank; k++) {
            shape[modeOrder[k]] = stored[k];
        }
        List<Level> levels = new ArrayList<>();
        long positions = 1;
        for (int k = 0; k < rank; k++) {
            int dim = stored[k];
            if (formats.get(k) == LevelFormat.DENSE) {
                levels.add(new DenseLevel(dim, Math.toIntExact(positions)));
                positions = Math.multiplyExact(positions, dim);
                continue;
            }
            Path segPath = segFile(dir, tensor, modeOrder[k]);
            Path crdPath = crdFile(dir, tensor, modeOrder[k]);
            int[] seg = readInts(segPath, "the segment array of level " + k);
            int[] crd = readInts(crdPath, "the coordinate array of level " + k);
            checkLevel(segPath, crdPath, seg, crd, positions, dim);
            levels.add(new CompressedLevel(seg, crd));
            positions = crd.length;
        }
        Path valsPath = valsFile(dir, tensor);
        float[] values = readFloats(valsPath);
        if (values.length != positions) {
            throw UserError.of(valsPath + " holds " + values.length + " values, but the levels above it have "
                    + positions + " positions.");
        }
        return new FiberTensor(tensor, shape, modeOrder, levels, values);
    }

    /** Reads a tensor stored in identity mode order, taking a level as compressed when its seg file exists. */
    public static FiberTensor read(Path dir, String tensor) {
        int rank = readInts(shapeFile(dir, tensor), "the dimensions in mode order").length;
        int[] order = FiberTensor.identityOrder(rank);
        List<LevelFormat> formats = new ArrayList<>();
        for (int k = 0; k < rank; k++) {
            formats.add(Files.exists(segFile(dir, tensor, k)) ? LevelFormat.COMPRESSED : LevelFormat.DENSE);
        }
        return read(dir, tensor, order, formats);
    }

    private static void checkLevel(Path segPath, Path crdPath, int[] seg, int[] crd, long parents, int dim) {
        if (seg.length != parents + 1) {
            throw UserError.of(segPath + " holds " + seg.length + " offsets, but the level above has " + parents
                    + " positions, so " + (parents + 1) + " were expected.");
        }
        for (int i = 0; i < seg.length; i++) {
            if ((i == 0 && seg[0] != 0) || (i > 0 && seg[i] < seg[i - 1])) {
                throw UserError.at(segPath.toString(), i + 1, 1, "segment offsets must start at 0 and never decrease.");
            }
        }
        if (seg[seg.length - 1] != crd.length) {
            throw UserError.of(segPath + " ends at offset " + seg[seg.length - 1] + ", but " + crdPath + " holds "
                    + crd.length + " coordinates.");
        }
        for (int i = 0; i < crd.length; i++) {
            if (crd[i] >= dim) {
                throw UserError.at(crdPath.toString(), i + 1, 1, "coordinate " + crd[i]
                        + " is outside the dimension " + dim + " given by the shape file.");
            }
        }
    }

    private static void writeInts(Path file, int[] values) throws IOException {
        Files.write(file, Arrays.stream(values).mapToObj(Integer::toString).toList(), StandardCharsets.UTF_8);
    }

    private static List<String> lines(Path file, String expected) {
        try {
            List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
            while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
                lines.remove(lines.size() - 1);
            }
            return lines;
        } catch (NoSuchFileException e) {
            throw UserError.of("tensor file " + file + " is missing; it should hold " + expected + ", one per line.");
        } catch (IOException e) {
            throw UserError.of("tensor file " + file + " cannot be read (" + e.getMessage() + ").");
        }
    }

    private static int[] readInts(Path file, String expected) {
        List<String> lines = lines(file, expected);
        int[] values = new int[lines.size()];
        for (int i = 0; i < values.length; i++) {
            String text = lines.get(i).trim();
            try {
                values[i] = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                values[i] = -1;
            }
            if (values[i] < 0) {
                throw UserError.at(file.toString(), i + 1, 1, "expected a non-negative integer (" + expected
                        + "), found '" + text + "'.");
            }
        }
        return values;
    }

    private static float[] readFloats(Path file) {
        List<String> lines = lines(file, "the values in level order");
        float[] values = new float[lines.size()];
        for (int i = 0; i < values.length; i++) {
            String text = lines.get(i).trim();
            try {
                values[i] = Float.parseFloat(text);
            } catch (NumberFormatException e) {
                throw UserError.at(file.toString(), i + 1, 1, "expected a number (a value of the tensor), found '"
                        + text + "'.");
            }
        }
        return values;
    }
}
