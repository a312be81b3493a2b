package dev.fuseflow.compiler.schedule;

import dev.fuseflow.compiler.fusion.FusedGroup;
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
 * Enumerates the dataflow orders of a fusion group lazily, depth first: a variable may be placed only
 * after the variables every tensor stores above it (a tensor stored (i, k) is iterated i before k), which
 * prunes most permutations before they are built; complete orders are then checked by the lowering's
 * legality. Orders come out in lexicographic order of the variables' first appearance, so {@code #1} is
 * the original compiler's choice.
 */
public final class OrderEnumerator {
    private OrderEnumerator() {
    }

    /**
     * @param legality returns the reason an order cannot be lowered, or empty when it can
     * @param limit    stop after this many valid orders
     */
    public static List<DataflowOrder> validOrders(Program program, FusedGroup group,
            Function<DataflowOrder, Optional<String>> legality, int limit) {
        List<IndexVar> vars = group.variables();
        List<Access> accesses = new ArrayList<>();
        for (Assignment root : group.roots()) {
            accesses.addAll(root.value().accesses());
        }
        List<DataflowOrder> out = new ArrayList<>();
        permute(program, vars, accesses, new ArrayList<>(), new boolean[vars.size()], legality, out, limit);
        return out;
    }

    private static void permute(Program program, List<IndexVar> vars, List<Access> accesses, List<IndexVar> prefix,
            boolean[] used, Function<DataflowOrder, Optional<String>> legality, List<DataflowOrder> out, int limit) {
        if (out.size() >= limit) {
            return;
        }
        if (prefix.size() == vars.size()) {
            DataflowOrder order = new DataflowOrder(prefix);
            if (legality.apply(order).isEmpty()) {
                out.add(order);
            }
            return;
        }
        for (int i = 0; i < vars.size(); i++) {
            if (!used[i] && placeable(program, vars.get(i), accesses, prefix)) {
                used[i] = true;
                prefix.add(vars.get(i));
                permute(program, vars, accesses, prefix, used, legality, out, limit);
                prefix.remove(prefix.size() - 1);
                used[i] = false;
            }
        }
    }

    /** True when every tensor level above {@code var}'s is already iterated. */
    private static boolean placeable(Program program, IndexVar var, List<Access> accesses, List<IndexVar> placed) {
        for (Access access : accesses) {
            int mode = access.indices().indexOf(var);
            if (mode < 0) {
                continue;
            }
            TensorDecl decl = program.tensor(access.tensor());
            int depth = decl.modeOrder().indexOf(mode);
            for (int above = 0; above < depth; above++) {
                if (!placed.contains(access.indices().get(decl.modeOrder().get(above)))) {
                    return false;
                }
            }
        }
        return true;
    }
}
