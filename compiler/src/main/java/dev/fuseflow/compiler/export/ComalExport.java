package dev.fuseflow.compiler.export;

import com.google.protobuf.TextFormat;
import dev.fuseflow.compiler.passes.ComalPrimitivesOnly;
import dev.fuseflow.compiler.passes.CollapseBroadcasts;
import dev.fuseflow.compiler.passes.GraphCopy;
import dev.fuseflow.compiler.passes.InsertBroadcasts;
import dev.fuseflow.compiler.passes.RefDrivenRepeats;
import dev.fuseflow.simulator.graph.SamGraph;
import dev.fuseflow.simulator.interop.ComalGraphWriter;
import dev.fuseflow.simulator.interop.proto.ComalGraph;

/**
 * A compiled graph as the original's Comal protobuf (fuseflow-compiler.md §4, comal-timing-model.md §11),
 * through the simulator's {@link ComalGraphWriter}: name {@code "comal graph"}, channel size 1024, ids from 1
 * with the broadcasts last, id 0 on every output nothing reads. The graph is first put in the form a Comal
 * repeat accepts ({@link RefDrivenRepeats}); that changes which stream drives a repeat, never a value, but
 * where the companion reference already had a reader it adds a broadcast, one cycle on that path.
 *
 * <p>What the schema cannot carry: a {@code Reduce} that skips empty fibers
 * ({@link dev.fuseflow.simulator.graph.ReduceOp#skipsEmpty()}) is written as Comal's reduce, which emits a
 * value for every stop; on data where a reduced fiber's parent is empty, the imported graph then writes a
 * spurious value (as Comal itself would). A fiber drop (ours, {@link ComalPrimitivesOnly}) is left out, so on a
 * fused reduction's emptied row the imported graph repeats the broadcast operand into that row, as the original
 * compiler's graphs do; a reduce steered by outer coordinates becomes Comal's reduce.
 */
public final class ComalExport {
    private ComalExport() {
    }

    /** The graph in the form the Comal writer accepts (repeats driven by refs or values, broadcasts rebuilt). */
    public static SamGraph comalForm(SamGraph graph) {
        SamGraph.Builder builder = GraphCopy.of(graph);
        CollapseBroadcasts.apply(builder);
        ComalPrimitivesOnly.apply(builder);
        RefDrivenRepeats.apply(builder);
        InsertBroadcasts.apply(builder);
        return builder.build();
    }

    public static ComalGraph toProto(SamGraph graph) {
        return ComalGraphWriter.toProto(comalForm(graph));
    }

    /**
     * The original's stream vectorizer (fuseflow-compiler.md §3.2): every value load ({@code ArrayVals})
     * carries the stream shape, n values per token or, for block-sparse runs, n×n blocks; nothing else
     * changes, as in the original.
     */
    public record StreamShape(int size, boolean blocked) {
        public static final StreamShape SCALAR = new StreamShape(0, false);

        public StreamShape {
            if (size < 0 || (blocked && size == 0)) {
                throw new IllegalArgumentException("a stream shape is a size >= 0, blocked only with a size");
            }
        }
    }

    public static ComalGraph toProto(SamGraph graph, StreamShape shape) {
        ComalGraph proto = toProto(graph);
        if (shape.size() == 0) {
            return proto;
        }
        ComalGraph.Builder builder = proto.toBuilder();
        var operators = builder.getGraphBuilder().getOperatorsBuilderList();
        for (var operator : operators) {
            if (operator.hasArray()) {
                operator.getArrayBuilder().setStreamShape(shape.size()).setBlocked(shape.blocked());
            }
        }
        return builder.build();
    }

    public static byte[] binary(SamGraph graph, StreamShape shape) {
        return toProto(graph, shape).toByteArray();
    }

    public static String text(SamGraph graph, StreamShape shape) {
        return TextFormat.printer().printToString(toProto(graph, shape));
    }

    /** The binary wire format (the original compiler's {@code op.bin}). */
    public static byte[] binary(SamGraph graph) {
        return toProto(graph).toByteArray();
    }

    /** The protobuf text format (what the original compiler prints). */
    public static String text(SamGraph graph) {
        return TextFormat.printer().printToString(toProto(graph));
    }
}
