package dev.fuseflow.compiler.fusion;

import dev.fuseflow.compiler.ir.Assignment;
import dev.fuseflow.compiler.ir.IndexVar;
import dev.fuseflow.compiler.ir.Program;
import dev.fuseflow.compiler.passes.InsertBroadcasts;
import dev.fuseflow.compiler.schedule.DataflowOrder;
import dev.fuseflow.compiler.schedule.OrderEnumerator;
import dev.fuseflow.simulator.graph.FiberWriteOp;
import dev.fuseflow.simulator.graph.OutputSpec;
import dev.fuseflow.simulator.graph.ReduceKind;
import dev.fuseflow.simulator.graph.ReduceOp;
import dev.fuseflow.simulator.graph.SamGraph;
import dev.fuseflow.simulator.graph.SpaccOp;
import dev.fuseflow.simulator.graph.StreamKind;
import dev.fuseflow.simulator.graph.ValueWriteOp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lowers one assignment under a dataflow order through a {@link FusionTable} into a {@link SamGraph}:
 * the operands' product, a Reduce when the reduced variable is innermost or a Spacc1 when it sits
 * directly above the innermost variable (fuseflow-compiler.md §1.10.4), and compressed writers for the
 * output, stored in the order its variables are iterated. Fan-outs get broadcasts afterwards.
 *
 * <p>What this first milestone does not lower yet is refused by {@link #legality} with the reason:
 * additive expressions, several reduced variables, spacc orders above 1, and intersections below an
 * output coordinate (they need a coordinate drop).
 */
public final class Lowering {
    private Lowering() {
    }

    /** Why the assignment cannot be lowered under this order, or empty when it can. */
    public static Optional<String> legality(Program program, Assignment assignment, DataflowOrder order) {
        if (!OrderEnumerator.respectsStorage(program, assignment, order)) {
            return Optional.of("order " + order + " iterates an operand against its storage mode order");
        }
        List<IndexVar> reduced = assignment.reduced();
        if (reduced.size() > 1) {
            return Optional.of("reducing several variables at once (" + reduced + ") is not lowered yet");
        }
        int last = order.size() - 1;
        if (reduced.size() == 1) {
            int position = order.position(reduced.get(0));
            if (position < last - 1) {
                return Optional.of("order " + order + " reduces " + reduced.get(0)
                        + " more than one level above the innermost variable (a spacc of order "
                        + (last - position) + ", not lowered yet)");
            }
        }
        for (IndexVar var : assignment.target().indices()) {
            if (assignment.operands().stream().noneMatch(a -> a.indices().contains(var))) {
                return Optional.of("output variable " + var + " is not indexed by any operand");
            }
        }
        SamGraph.Builder scratch = new SamGraph.Builder("legality");
        FusionTable table = new FusionTable(scratch, program, assignment, order);
        int firstOutput = assignment.target().indices().stream().mapToInt(order::position).min().orElse(last + 1);
        for (int position = firstOutput + 1; position <= last; position++) {
            if (table.mayEmptyFibers(position)) {
                return Optional.of("order " + order + " intersects compressed operands at " + order.at(position)
                        + " below an output coordinate, which needs a coordinate drop (not lowered yet)");
            }
        }
        return Optional.empty();
    }

    /** The valid orders of an assignment, in enumeration order. */
    public static List<DataflowOrder> validOrders(Program program, Assignment assignment) {
        return OrderEnumerator.validOrders(program, assignment, order -> legality(program, assignment, order));
    }

    /** Lowers the assignment; the order must be valid (see {@link #legality}). */
    public static SamGraph lower(Program program, Assignment assignment, DataflowOrder order, String graphName) {
        legality(program, assignment, order).ifPresent(reason -> {
            throw new IllegalArgumentException(reason);
        });
        SamGraph.Builder graph = new SamGraph.Builder(graphName);
        FusionTable table = new FusionTable(graph, program, assignment, order);
        int last = order.size() - 1;
        int value = table.product();
        int innerCrd = -1;
        List<IndexVar> reduced = assignment.reduced();
        if (!reduced.isEmpty()) {
            IndexVar r = reduced.get(0);
            int position = order.position(r);
            int out = graph.stream(StreamKind.VAL, assignment.target().tensor() + ".sum_" + r);
            if (position == last) {
                graph.add(new ReduceOp(ReduceKind.ADD, r.name(), value, out));
            } else {
                innerCrd = graph.stream(StreamKind.CRD, order.at(last) + ".accumulated.crd");
                graph.add(new SpaccOp(order.at(last).name(), r.name(), table.crd(position), table.crd(last), value,
                        innerCrd, out));
            }
            value = out;
        }
        String target = assignment.target().tensor();
        List<Integer> modeOrder = new ArrayList<>();
        int level = 0;
        for (int position = 0; position <= last; position++) {
            IndexVar var = order.at(position);
            int mode = assignment.target().indices().indexOf(var);
            if (mode < 0) {
                continue;
            }
            modeOrder.add(mode);
            int crd = position == last && innerCrd >= 0 ? innerCrd : table.crd(position);
            graph.add(new FiberWriteOp(target, level++, var.name(), crd));
        }
        graph.add(new ValueWriteOp(target, value));
        graph.output(new OutputSpec(target, program.tensor(target).shape(), modeOrder));
        InsertBroadcasts.apply(graph);
        return graph.build();
    }
}
