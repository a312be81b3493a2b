package dev.fuseflow.datasets;

/**
 * One named array a dataset offers to the tensors of a model: a sparse matrix (an adjacency, a mask, sparse
 * weights) or a dense one (features, a batch of inputs, a bias as a 1×n row).
 */
public sealed interface DataPart permits SparseMatrix, DenseMatrix {

    int rowCount();

    int colCount();

    /** Stored entries: nonzeros of a sparse part, every cell of a dense one. */
    long storedCount();

    /** Bytes the part occupies in memory (its arrays), for estimates and reports. */
    long bytes();
}
