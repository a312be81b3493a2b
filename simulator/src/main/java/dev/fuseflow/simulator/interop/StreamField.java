package dev.fuseflow.simulator.interop;

import dev.fuseflow.simulator.interop.proto.CrdStream;
import dev.fuseflow.simulator.interop.proto.RefStream;
import dev.fuseflow.simulator.interop.proto.RepSigStream;
import dev.fuseflow.simulator.interop.proto.ValStream;

/**
 * One stream field of an operation as the Comal driver sees it: its namespace, whether the field is set,
 * whether its {@code id} sub-message is set, and the id. The generated stream messages share no interface,
 * so the importer reads them through this.
 */
record StreamField(String field, StreamNamespace namespace, boolean present, boolean hasId, long id) {

    static StreamField ref(String field, boolean present, RefStream stream) {
        return new StreamField(field, StreamNamespace.REF, present, stream.hasId(), stream.getId().getId());
    }

    static StreamField crd(String field, boolean present, CrdStream stream) {
        return new StreamField(field, StreamNamespace.CRD, present, stream.hasId(), stream.getId().getId());
    }

    static StreamField val(String field, boolean present, ValStream stream) {
        return new StreamField(field, StreamNamespace.VAL, present, stream.hasId(), stream.getId().getId());
    }

    static StreamField repsig(String field, boolean present, RepSigStream stream) {
        return new StreamField(field, StreamNamespace.REPSIG, present, stream.hasId(), stream.getId().getId());
    }

    /** True when an output written here goes nowhere: the field is absent or its id is 0 (a void sender). */
    boolean discards() {
        return !present || (hasId && id == 0);
    }
}
