package dev.fuseflow.datasets.io;

import dev.fuseflow.datasets.DataPart;
import dev.fuseflow.datasets.Dataset;
import dev.fuseflow.datasets.DatasetSpec;
import dev.fuseflow.datasets.DenseMatrix;
import dev.fuseflow.datasets.Seeds;
import dev.fuseflow.datasets.SparseMatrix;
import dev.fuseflow.diagnostics.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A dataset from a user's file, {@code --dataset PATH[:key=value,...]}, chosen by extension: {@code .mtx}
 * (Matrix Market), {@code .csv .tsv .txt .edges .el} (edge list), {@code .npy .npz} (NumPy), or a directory
 * (Comal tensor files). The file gives the matrix; its features come from the file where it has them
 * ({@code .npz} with {@code x}/{@code node_feat}), else they are drawn uniform in [-1, 1) from the seed with
 * {@code features=F} columns (default 16). Files are only read, never written.
 */
public final class FileDataset implements Dataset {
    public static final int DEFAULT_FEATURES = 16;
    public static final List<String> FORMS = List.of(".mtx (Matrix Market)", ".csv/.tsv/.txt/.edges/.el (edge list)",
            ".npy/.npz (NumPy edge_index or scipy.sparse)", "a directory of Comal tensor files");

    private final String spec;
    private final String summary;
    private final SparseMatrix matrix;
    private final DenseMatrix features;

    private FileDataset(String spec, String summary, SparseMatrix matrix, DenseMatrix features) {
        this.spec = spec;
        this.summary = summary;
        this.matrix = matrix;
        this.features = features;
    }

    /** Whether {@code path} names something this class would try to load. */
    public static boolean looksLikeFile(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return text.contains("/") || text.contains("\\") || List.of(".mtx", ".csv", ".tsv", ".txt", ".edges", ".el",
                ".npy", ".npz").stream().anyMatch(lower::endsWith);
    }

    public static FileDataset load(String spec, Path path, DatasetSpec params, long defaultSeed) {
        String name = path.getFileName() == null ? path.toString() : path.getFileName().toString().toLowerCase(Locale.ROOT);
        SparseMatrix matrix;
        Optional<DenseMatrix> ownFeatures = Optional.empty();
        String format;
        if (Files.isDirectory(path)) {
            params.checkKeys(Set.of("features", "seed", "tensor"));
            matrix = ComalDirectory.read(path, params.string("tensor", null));
            format = "Comal tensor directory";
        } else if (name.endsWith(".mtx")) {
            params.checkKeys(Set.of("features", "seed"));
            DataPart part = MatrixMarket.read(path);
            matrix = part instanceof SparseMatrix sparse ? sparse : everyEntry((DenseMatrix) part);
            format = "Matrix Market";
        } else if (List.of(".csv", ".tsv", ".txt", ".edges", ".el").stream().anyMatch(name::endsWith)) {
            params.checkKeys(Set.of("features", "seed", "nodes", "base", "symmetric"));
            String base = params.string("base", "0");
            if (!List.of("0", "1").contains(base)) {
                throw UserError.of("dataset parameter base=" + base + " is not 0 or 1");
            }
            int nodes = params.has("nodes") ? params.positiveInt("nodes", 1) : 0;
            matrix = EdgeList.read(path, new EdgeList.Options(nodes, base.equals("1"), params.flag("symmetric", false)));
            format = "edge list";
        } else if (name.endsWith(".npy") || name.endsWith(".npz")) {
            params.checkKeys(Set.of("features", "seed", "nodes"));
            NumpyGraph.Loaded loaded = NumpyGraph.read(path, params.has("nodes") ? params.positiveInt("nodes", 1) : 0);
            matrix = loaded.matrix();
            ownFeatures = loaded.features();
            format = "NumPy";
        } else {
            throw UserError.of("dataset file " + path + " has a type FuseFlow cannot read", FORMS);
        }
        long seed = params.seed(defaultSeed);
        DenseMatrix features;
        if (ownFeatures.isPresent()) {
            if (params.has("features")) {
                throw UserError.of("dataset parameter features= does not apply to " + path + ", which carries its own "
                        + "node features");
            }
            features = ownFeatures.get();
        } else {
            features = Seeds.uniformDense(matrix.colCount(), params.positiveInt("features", DEFAULT_FEATURES),
                    Seeds.stream(seed, "file/features"));
        }
        String summary = String.format("%s (%s): %,dx%,d matrix with %,d entries, %,dx%,d %s features", path, format,
                matrix.rowCount(), matrix.colCount(), matrix.nnz(), features.rowCount(), features.colCount(),
                ownFeatures.isPresent() ? "stored" : "random (seed " + seed + ")");
        return new FileDataset(spec, summary, matrix, features);
    }

    /** An array (dense) Matrix Market file as a matrix that stores every entry, zeros included. */
    private static SparseMatrix everyEntry(DenseMatrix dense) {
        int n = dense.values().length;
        int[] rows = new int[n];
        int[] cols = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i / dense.colCount();
            cols[i] = i % dense.colCount();
        }
        return new SparseMatrix(dense.rowCount(), dense.colCount(), rows, cols, dense.values().clone());
    }

    @Override
    public String spec() {
        return spec;
    }

    @Override
    public String summary() {
        return summary;
    }

    @Override
    public Optional<SparseMatrix> matrix() {
        return Optional.of(matrix);
    }

    @Override
    public Optional<DenseMatrix> features() {
        return Optional.of(features);
    }

    @Override
    public Map<String, Integer> dimensions() {
        Map<String, Integer> dims = new LinkedHashMap<>(Dataset.super.dimensions());
        if (matrix.rowCount() == matrix.colCount()) {
            dims.put("nodes", matrix.rowCount());
            dims.put("edges", matrix.nnz());
        }
        return dims;
    }
}
