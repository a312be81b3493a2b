package dev.fuseflow.simulator.interop;

import dev.fuseflow.simulator.graph.StreamKind;
import java.util.Locale;

/**
 * The four id namespaces of a Comal graph (comal-timing-model.md §11.3): the same number in two namespaces
 * names two different channels, so streams are keyed by namespace and id together.
 */
enum StreamNamespace {
    REF, CRD, VAL, REPSIG;

    /** The kind of the stream this namespace's channels become; repeat signals have no stream of their own. */
    StreamKind kind() {
        return switch (this) {
            case REF -> StreamKind.REF;
            case CRD -> StreamKind.CRD;
            case VAL -> StreamKind.VAL;
            case REPSIG -> throw new IllegalStateException("repeat-signal channels are not SAM graph streams");
        };
    }

    static StreamNamespace of(StreamKind kind) {
        return switch (kind) {
            case REF -> REF;
            case CRD -> CRD;
            case VAL -> VAL;
        };
    }

    String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
