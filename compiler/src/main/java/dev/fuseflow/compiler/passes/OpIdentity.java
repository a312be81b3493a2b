package dev.fuseflow.compiler.passes;

import dev.fuseflow.simulator.graph.ArrayOp;
import dev.fuseflow.simulator.graph.BinaryAluOp;
import dev.fuseflow.simulator.graph.BroadcastOp;
import dev.fuseflow.simulator.graph.CrdDropOp;
import dev.fuseflow.simulator.graph.CrdHoldOp;
import dev.fuseflow.simulator.graph.CrdMaskOp;
import dev.fuseflow.simulator.graph.FiberLookupOp;
import dev.fuseflow.simulator.graph.ForkOp;
import dev.fuseflow.simulator.graph.IntersectOp;
import dev.fuseflow.simulator.graph.JoinOp;
import dev.fuseflow.simulator.graph.LocateOp;
import dev.fuseflow.simulator.graph.ReduceOp;
import dev.fuseflow.simulator.graph.RepeatOp;
import dev.fuseflow.simulator.graph.RootOp;
import dev.fuseflow.simulator.graph.SamOp;
import dev.fuseflow.simulator.graph.Spacc2Op;
import dev.fuseflow.simulator.graph.SpaccOp;
import dev.fuseflow.simulator.graph.StopDropperOp;
import dev.fuseflow.simulator.graph.UnaryAluOp;
import dev.fuseflow.simulator.graph.UnionOp;
import java.util.List;
import java.util.Optional;

/**
 * What an op computes, independent of the ids of the streams it writes: its kind, its parameters and the
 * streams it reads. SAM primitives are deterministic functions of their input streams, so two ops with
 * equal identities write equal streams and one of them can serve both sets of readers.
 *
 * <p>Parameters are listed per kind on purpose rather than read off the records by reflection: a kind not
 * listed here (writers, whose effect is the written tensor, and any kind added later) has no identity and
 * is never merged, which is the safe default. Names that only label an op (a scan's index variable, a
 * repeat's tensor) count as parameters too, so merging never changes what an export or a picture shows.
 */
record OpIdentity(String kind, List<Object> parameters, List<Integer> inputs, int outputCount) {

    /** The identity of a mergeable op, or empty for ops that must stay distinct. */
    static Optional<OpIdentity> of(SamOp op) {
        List<Object> parameters = parameters(op);
        if (parameters == null) {
            return Optional.empty();
        }
        return Optional.of(new OpIdentity(op.kind(), parameters, op.inputs(), op.outputs().size()));
    }

    private static List<Object> parameters(SamOp op) {
        if (op instanceof RootOp root) {
            return List.of(root.tensor());
        } else if (op instanceof FiberLookupOp scan) {
            return List.of(scan.tensor(), scan.level(), scan.mode(), scan.format(), scan.indexVar());
        } else if (op instanceof RepeatOp repeat) {
            return List.of(repeat.tensor(), repeat.indexVar());
        } else if (op instanceof IntersectOp join) {
            return List.of(join.indexVar(), join.inCrds().size());
        } else if (op instanceof UnionOp join) {
            return List.of(join.indexVar(), join.inCrds().size());
        } else if (op instanceof LocateOp locate) {
            return List.of(locate.indexVar(), locate.denseTensor());
        } else if (op instanceof ArrayOp array) {
            return List.of(array.tensor());
        } else if (op instanceof BinaryAluOp alu) {
            return List.of(alu.op());
        } else if (op instanceof UnaryAluOp alu) {
            // Compared by bits so that 0.0 and -0.0 (which max(x, s) tells apart) stay distinct.
            return List.of(alu.op(), Float.floatToRawIntBits(alu.scalar()));
        } else if (op instanceof ReduceOp reduce) {
            return List.of(reduce.reduction(), reduce.indexVar(), reduce.skipsEmpty());
        } else if (op instanceof SpaccOp spacc) {
            return List.of(spacc.innerVar(), spacc.reducedVar());
        } else if (op instanceof Spacc2Op spacc) {
            return List.of(spacc.innerVar(), spacc.keptVar(), spacc.reducedVar());
        } else if (op instanceof CrdDropOp drop) {
            return List.of(drop.outerVar(), drop.innerVar());
        } else if (op instanceof CrdHoldOp hold) {
            return List.of(hold.outerVar(), hold.innerVar());
        } else if (op instanceof CrdMaskOp mask) {
            return List.of(mask.predicate());
        } else if (op instanceof StopDropperOp) {
            return List.of();
        } else if (op instanceof BroadcastOp || op instanceof ForkOp || op instanceof JoinOp) {
            // Their only parameter is their arity, which the identity's output count (and inputs) carry.
            return List.of();
        }
        return null;
    }
}
