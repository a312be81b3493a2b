package dev.fuseflow.jupyter;

import java.util.Arrays;
import java.util.Optional;

/**
 * The usage text shown under the one-sentence error of a {@code %fuseflow} line. It rides on the
 * {@code UserError} as a suppressed exception, so the error keeps its type (the notebook shows
 * {@code UserError}) and {@link FuseFlowKernel#formatError} finds the usage beside it.
 */
final class MagicUsage extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private MagicUsage(String usage) {
        super(usage, null, false, false);
    }

    /** Attaches {@code usage} to {@code error} unless a usage is attached already. */
    static void attach(Throwable error, String usage) {
        if (of(error).isEmpty() && !usage.isBlank()) {
            error.addSuppressed(new MagicUsage(usage));
        }
    }

    /** The usage attached to {@code error}, if any. */
    static Optional<String> of(Throwable error) {
        return Arrays.stream(error.getSuppressed()).filter(MagicUsage.class::isInstance).map(Throwable::getMessage)
                .findFirst();
    }
}
