package dev.fuseflow.datasets;

import java.util.Optional;

/**
 * Data a model runs on. A dataset offers named parts that models bind to their input tensors: a sparse
 * {@link #matrix()} (a graph's adjacency, a sparse operand) and dense {@link #features()} whose row count
 * equals the matrix's column count.
 */
public interface Dataset {

    /** The spec it was made from, e.g. {@code synthetic:rows=2000,...}. */
    String spec();

    /** One line describing sizes and provenance. */
    String summary();

    Optional<SparseMatrix> matrix();

    Optional<DenseMatrix> features();
}
