/**
 * The on-disk cache of generated datasets: keyed by name, parameters, seed and generator version, written
 * atomically, verified by checksum on every load, regenerated with a warning when an entry is damaged.
 */
package dev.fuseflow.datasets.cache;
