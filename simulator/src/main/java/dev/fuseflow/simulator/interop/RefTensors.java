package dev.fuseflow.simulator.interop;

import dev.fuseflow.simulator.graph.ArrayOp;
import dev.fuseflow.simulator.graph.BroadcastOp;
import dev.fuseflow.simulator.graph.FiberLookupOp;
import dev.fuseflow.simulator.graph.ForkOp;
import dev.fuseflow.simulator.graph.IntersectOp;
import dev.fuseflow.simulator.graph.JoinOp;
import dev.fuseflow.simulator.graph.LocateOp;
import dev.fuseflow.simulator.graph.RepeatOp;
import dev.fuseflow.simulator.graph.RootOp;
import dev.fuseflow.simulator.graph.SamGraph;
import dev.fuseflow.simulator.graph.SamOp;
import dev.fuseflow.simulator.graph.UnionOp;

/**
 * The tensor a reference (or joined value) stream points into, found from its producers; the emitter names
 * joiner outputs after it ({@code out_ref-<tensor>}).
 */
final class RefTensors {
    private RefTensors() {
    }

    static String tensorOf(SamGraph graph, int stream) {
        SamOp producer = graph.ops().get(graph.producerOf(stream));
        if (producer instanceof RootOp root) {
            return root.tensor();
        } else if (producer instanceof FiberLookupOp scan) {
            return scan.tensor();
        } else if (producer instanceof RepeatOp repeat) {
            return repeat.tensor().isEmpty() ? tensorOf(graph, repeat.inRef()) : repeat.tensor();
        } else if (producer instanceof ArrayOp array) {
            return array.tensor();
        } else if (producer instanceof LocateOp locate) {
            return stream == locate.outDenseRef() ? locate.denseTensor() : tensorOf(graph, locate.inRef());
        } else if (producer instanceof IntersectOp join) {
            return tensorOf(graph, join.inRefs().get(join.outRefs().indexOf(stream)));
        } else if (producer instanceof UnionOp join) {
            return tensorOf(graph, join.inRefs().get(join.outRefs().indexOf(stream)));
        } else if (producer instanceof BroadcastOp broadcast) {
            return tensorOf(graph, broadcast.in());
        } else if (producer instanceof ForkOp fork) {
            return tensorOf(graph, fork.in());
        } else if (producer instanceof JoinOp join) {
            return tensorOf(graph, join.ins().get(0));
        }
        // Values computed by an ALU, reduce or accumulator: the compiler's name for a temporary.
        return "t";
    }
}
