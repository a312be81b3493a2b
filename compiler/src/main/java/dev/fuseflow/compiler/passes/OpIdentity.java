package dev.fuseflow.compiler.passes;

import dev.fuseflow.simulator.graph.FiberWriteOp;
import dev.fuseflow.simulator.graph.SamOp;
import dev.fuseflow.simulator.graph.ValueWriteOp;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an op computes, independent of the ids of the streams it writes: its kind, its parameters
 * ({@link OpParameters}) and the streams it reads. SAM primitives are deterministic functions of their input
 * streams, so two ops with equal identities write equal streams and one of them can serve both sets of
 * readers. Names that only label an op (a scan's index variable, a repeat's tensor) are parameters too, so
 * merging never changes what an export or a picture shows.
 */
record OpIdentity(String kind, Map<String, Object> parameters, List<Integer> inputs, int outputCount) {

    /**
     * The identity of a mergeable op, or empty for ops that must stay distinct: writers (their effect is the
     * tensor they write) and kinds without known parameters.
     */
    static Optional<OpIdentity> of(SamOp op) {
        if (op instanceof FiberWriteOp || op instanceof ValueWriteOp) {
            return Optional.empty();
        }
        return OpParameters.of(op)
                .map(parameters -> new OpIdentity(op.kind(), parameters, op.inputs(), op.outputs().size()));
    }
}
