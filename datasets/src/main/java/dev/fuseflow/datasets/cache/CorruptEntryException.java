package dev.fuseflow.datasets.cache;

/** A cache entry whose bytes do not describe a dataset: it is regenerated, never trusted. */
final class CorruptEntryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CorruptEntryException(String message) {
        super(message);
    }
}
