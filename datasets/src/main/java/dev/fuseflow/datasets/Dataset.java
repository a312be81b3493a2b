package dev.fuseflow.datasets;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Data a model runs on. A dataset offers named parts that models bind to their input tensors and named
 * dimensions that size the model.
 *
 * <ul>
 *   <li>graphs: parts {@code adjacency} (N×N, values 1; also {@link #matrix()}) and {@code features} (N×F,
 *       also {@link #features()}); dimensions {@code nodes, edges, features, classes};</li>
 *   <li>sparse-autoencoder inputs: parts {@code input} (batch×D), {@code enc_weight} (D×H, sparse),
 *       {@code enc_bias} (1×H), {@code dec_weight} (H×D, sparse), {@code dec_bias} (1×D); dimensions
 *       {@code batch, d, h}; no {@link #matrix()};</li>
 *   <li>BigBird masks: {@link #matrix()} is the seq×seq block mask (also part {@code mask}); dimensions
 *       {@code seq, block, blocks_per_row}.</li>
 * </ul>
 *
 * {@link #matrix()} and {@link #features()} are kept for the models that take "a sparse matrix and its dense
 * features"; the features' row count equals the matrix's column count.
 */
public interface Dataset {

    /** The spec it was made from, e.g. {@code synthetic:rows=2000,...} or {@code cora}. */
    String spec();

    /** One line describing sizes and provenance. */
    String summary();

    Optional<SparseMatrix> matrix();

    Optional<DenseMatrix> features();

    /** Every part by name; {@code matrix} and {@code features} appear under those names when present. */
    default Map<String, DataPart> parts() {
        Map<String, DataPart> parts = new LinkedHashMap<>();
        matrix().ifPresent(m -> parts.put("matrix", m));
        features().ifPresent(f -> parts.put("features", f));
        return parts;
    }

    /** One part by name. */
    default Optional<DataPart> part(String name) {
        return Optional.ofNullable(parts().get(name));
    }

    /**
     * Named sizes a model binds: always {@code rows, cols} (of the matrix) and {@code features} where
     * present, plus the dataset kind's own (see the class comment).
     */
    default Map<String, Integer> dimensions() {
        Map<String, Integer> dims = new LinkedHashMap<>();
        matrix().ifPresent(m -> {
            dims.put("rows", m.rowCount());
            dims.put("cols", m.colCount());
        });
        features().ifPresent(f -> dims.put("features", f.colCount()));
        return dims;
    }

    /** The card of a registered dataset; empty for synthetic data and users' files. */
    default Optional<DatasetCard> card() {
        return Optional.empty();
    }
}
