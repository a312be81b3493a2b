/**
 * Datasets: the registry that resolves {@code --dataset} specs ({@link dev.fuseflow.datasets.DatasetRegistry}),
 * the {@link dev.fuseflow.datasets.Dataset} contract models bind to (named sparse and dense parts and named
 * dimensions), dataset cards, and the {@code synthetic} uniform random matrix. Generators live in
 * {@code graph}, {@code autoencoder} and {@code bigbird}, loaders for users' files in {@code io}, the on-disk
 * cache in {@code cache}.
 */
package dev.fuseflow.datasets;
