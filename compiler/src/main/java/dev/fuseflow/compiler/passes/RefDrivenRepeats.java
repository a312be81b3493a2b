package dev.fuseflow.compiler.passes;

import dev.fuseflow.simulator.graph.IntersectOp;
import dev.fuseflow.simulator.graph.FiberLookupOp;
import dev.fuseflow.simulator.graph.LocateOp;
import dev.fuseflow.simulator.graph.RepeatOp;
import dev.fuseflow.simulator.graph.SamGraph;
import dev.fuseflow.simulator.graph.SamOp;
import dev.fuseflow.simulator.graph.Spacc2Op;
import dev.fuseflow.simulator.graph.SpaccOp;
import dev.fuseflow.simulator.graph.StreamKind;
import dev.fuseflow.simulator.graph.UnionOp;
import java.util.HashMap;
import java.util.Map;

/**
 * Export pass "drive repeats by references": a repeat only reads the shape of its signal stream (a value
 * or {@code N} token is a repeat, a stop a stop, comal-timing-model.md RepeatSigGen), so our lowering may
 * drive it by any stream of the right shape, including a coordinate stream. A Comal repeat takes its
 * signal from a ref or value channel only ({@code rep_ref}/{@code rep_val}), so before a Comal export each
 * coordinate signal is replaced by the stream its producer emits beside it, token for token in the same
 * cycle: a scan's or locate's reference, a joiner's first reference (which may carry {@code N}, still a
 * repeat), an accumulator's value. Signals from ops with no such companion (coordinate drop and hold) are
 * left alone, and the writer then names them.
 *
 * <p>Run it on a graph without broadcasts ({@link CollapseBroadcasts}) and insert them again afterwards.
 */
public final class RefDrivenRepeats {
    private RefDrivenRepeats() {
    }

    /** Rewires every repeat whose signal is a coordinate stream with a companion; returns how many. */
    public static int apply(SamGraph.Builder graph) {
        Map<Integer, SamOp> producer = new HashMap<>();
        for (SamOp op : graph.ops()) {
            for (int stream : op.outputs()) {
                producer.put(stream, op);
            }
        }
        int rewired = 0;
        for (int index = 0; index < graph.ops().size(); index++) {
            if (!(graph.ops().get(index) instanceof RepeatOp repeat)
                    || graph.streamInfo(repeat.signalSource()).kind() != StreamKind.CRD) {
                continue;
            }
            int companion = companion(producer.get(repeat.signalSource()), repeat.signalSource());
            if (companion > 0) {
                graph.replace(index, repeat.withInputs(java.util.List.of(repeat.inRef(), companion)));
                rewired++;
            }
        }
        return rewired;
    }

    /** The ref or value stream emitted together with coordinate stream {@code crd}, or 0 when there is none. */
    private static int companion(SamOp op, int crd) {
        if (op instanceof FiberLookupOp scan && scan.outCrd() == crd) {
            return scan.outRef();
        } else if (op instanceof IntersectOp join && join.outCrd() == crd) {
            return join.outRefs().get(0);
        } else if (op instanceof UnionOp join && join.outCrd() == crd) {
            return join.outRefs().get(0);
        } else if (op instanceof LocateOp locate && locate.outCrd() == crd) {
            return locate.outSparseRef();
        } else if (op instanceof SpaccOp spacc && spacc.outInnerCrd() == crd) {
            return spacc.outVal();
        } else if (op instanceof Spacc2Op spacc && spacc.outInnerCrd() == crd) {
            return spacc.outVal();
        }
        return 0;
    }
}
