/**
 * Loaders (and writers, for round trips) for data users already have: Matrix Market, edge lists, NumPy
 * {@code .npy}/{@code .npz} (PyG/OGB edge_index, scipy.sparse), and Comal tensor directories. Every mistake
 * in a file is one {@link dev.fuseflow.diagnostics.UserError} sentence naming the file, the line (or array)
 * and the problem; no file is ever overwritten.
 */
package dev.fuseflow.datasets.io;
