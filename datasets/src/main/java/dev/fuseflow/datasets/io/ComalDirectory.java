package dev.fuseflow.datasets.io;

import dev.fuseflow.datasets.SparseMatrix;
import dev.fuseflow.diagnostics.UserError;
import dev.fuseflow.simulator.tensor.ComalTensorDirectory;
import dev.fuseflow.simulator.tensor.FiberTensor;
import dev.fuseflow.simulator.tensor.LevelFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A matrix from a Comal-style tensor directory ({@code tensor_<T>_mode_*} files, read by the simulator's
 * {@link ComalTensorDirectory}, which also names the file and line of any mistake).
 */
public final class ComalDirectory {
    private static final String PREFIX = "tensor_";
    private static final String SHAPE_SUFFIX = "_mode_shape";

    private ComalDirectory() {
    }

    /** The tensor names in {@code dir} (those with a shape file), sorted. */
    public static List<String> tensorNames(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(PREFIX) && n.endsWith(SHAPE_SUFFIX))
                    .map(n -> n.substring(PREFIX.length(), n.length() - SHAPE_SUFFIX.length()))
                    .sorted().toList();
        } catch (IOException e) {
            throw UserError.of("tensor directory " + dir + " cannot be listed (" + e.getMessage() + ")");
        }
    }

    /** Reads matrix {@code tensor} (or the only tensor in the directory when {@code tensor} is null). */
    public static SparseMatrix read(Path dir, String tensor) {
        List<String> names = tensorNames(dir);
        if (tensor == null) {
            if (names.size() != 1) {
                throw UserError.of("tensor directory " + dir + " holds " + (names.isEmpty() ? "no tensor_<T>_mode_shape file"
                        : names.size() + " tensors") + "; name one with tensor=T", names);
            }
            tensor = names.get(0);
        } else if (!names.contains(tensor)) {
            throw UserError.of("tensor directory " + dir + " has no tensor '" + tensor + "' (no " + PREFIX + tensor
                    + SHAPE_SUFFIX + ")", names);
        }
        FiberTensor fibers = ComalTensorDirectory.read(dir, tensor);
        if (fibers.rank() != 2) {
            throw UserError.of(ComalTensorDirectory.shapeFile(dir, tensor) + " describes a tensor of rank " + fibers.rank()
                    + "; a dataset matrix needs rank 2");
        }
        CooBuilder coo = new CooBuilder();
        fibers.forEachStored((c, v) -> coo.add(c[0], c[1], v));
        return coo.build(fibers.dim(0), fibers.dim(1), CooBuilder.Repeats.SUM);
    }

    /** Writes a matrix as tensor {@code tensor} with both levels compressed (the layout models read A in). */
    public static void write(Path dir, String tensor, SparseMatrix matrix) {
        if (Files.exists(ComalTensorDirectory.shapeFile(dir, tensor))) {
            throw UserError.of("tensor directory " + dir + " already holds tensor '" + tensor + "'; it is not overwritten");
        }
        FiberTensor fibers = FiberTensor.fromCoo(tensor, new int[] {matrix.rowCount(), matrix.colCount()},
                List.of(LevelFormat.COMPRESSED, LevelFormat.COMPRESSED), FiberTensor.identityOrder(2),
                matrix.coordinates(), matrix.values());
        try {
            ComalTensorDirectory.write(dir, fibers);
        } catch (IOException e) {
            throw UserError.of("cannot write tensor '" + tensor + "' to " + dir + " (" + e.getMessage() + ")");
        }
    }
}
