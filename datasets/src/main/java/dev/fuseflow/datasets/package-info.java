/**
 * Datasets: the registry that resolves {@code --dataset} specs, generators matched to published statistics
 * (so far the {@code synthetic} uniform random matrix with dense features), and the parts models bind to
 * their input tensors (a sparse matrix, dense features). Dataset cards, loaders for users' files and the
 * on-disk cache grow here.
 */
package dev.fuseflow.datasets;
