package dev.fuseflow.jupyter;

/** Rethrows a throwable unchanged (checked or not), so the notebook shows the user's own exception. */
final class Sneaky {
    private Sneaky() {
    }

    /** Never returns; the return type lets callers write {@code throw Sneaky.raise(t)}. */
    static RuntimeException raise(Throwable t) {
        Sneaky.<RuntimeException>doRaise(t);
        return new IllegalStateException("unreachable", t);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void doRaise(Throwable t) throws T {
        throw (T) t;
    }
}
