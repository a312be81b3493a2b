package dev.fuseflow.compiler.schedule;

import dev.fuseflow.compiler.ir.Access;
import dev.fuseflow.compiler.ir.Assignment;
import dev.fuseflow.compiler.ir.IndexVar;
import dev.fuseflow.compiler.ir.Program;
import dev.fuseflow.compiler.ir.TensorDecl;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Enumerates the dataflow orders of an assignment that respect every operand's storage mode order (a
 * tensor stored (i, k) must be iterated i before k) and that the lowering accepts. Orders come out in
 * lexicographic order of the variables' first appearance, so {@code #1} is the original compiler's
 * choice.
 */
public final class OrderEnumerator {
    private OrderEnumerator() {
    }

    /**
     * @param legality returns the reason an order cannot be lowered, or empty when it can
     */
    public static List<DataflowOrder> validOrders(Program program, Assignment assignment,
            Function<DataflowOrder, Optional<String>> legality) {
        List<IndexVar> vars = assignment.variables();
        List<DataflowOrder> out = new ArrayList<>();
        permute(vars, new ArrayList<>(), new boolean[vars.size()], program, assignment, legality, out);
        return out;
    }

    private static void permute(List<IndexVar> vars, List<IndexVar> prefix, boolean[] used, Program program,
            Assignment assignment, Function<DataflowOrder, Optional<String>> legality, List<DataflowOrder> out) {
        if (prefix.size() == vars.size()) {
            DataflowOrder order = new DataflowOrder(prefix);
            if (respectsStorage(program, assignment, order) && legality.apply(order).isEmpty()) {
                out.add(order);
            }
            return;
        }
        for (int i = 0; i < vars.size(); i++) {
            if (!used[i]) {
                used[i] = true;
                prefix.add(vars.get(i));
                permute(vars, prefix, used, program, assignment, legality, out);
                prefix.remove(prefix.size() - 1);
                used[i] = false;
            }
        }
    }

    /** True when every operand's levels are met in storage order. */
    public static boolean respectsStorage(Program program, Assignment assignment, DataflowOrder order) {
        for (Access access : assignment.operands()) {
            TensorDecl decl = program.tensor(access.tensor());
            int last = -1;
            for (int mode : decl.modeOrder()) {
                int position = order.position(access.indices().get(mode));
                if (position < last) {
                    return false;
                }
                last = position;
            }
        }
        return true;
    }
}
