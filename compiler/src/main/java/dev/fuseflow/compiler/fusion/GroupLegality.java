package dev.fuseflow.compiler.fusion;

import dev.fuseflow.compiler.ir.Access;
import dev.fuseflow.compiler.ir.Apply;
import dev.fuseflow.compiler.ir.Assignment;
import dev.fuseflow.compiler.ir.Difference;
import dev.fuseflow.compiler.ir.Expr;
import dev.fuseflow.compiler.ir.IndexVar;
import dev.fuseflow.compiler.ir.Program;
import dev.fuseflow.compiler.ir.Quotient;
import dev.fuseflow.compiler.ir.ReduceFunction;
import dev.fuseflow.compiler.ir.Reduction;
import dev.fuseflow.compiler.ir.Sum;
import dev.fuseflow.compiler.ir.TensorDecl;
import dev.fuseflow.compiler.schedule.DataflowOrder;
import dev.fuseflow.simulator.tensor.LevelFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a fused group can be lowered under a dataflow order, and answers the structural
 * questions the lowering asks (who joins at a variable, whether a reduction is opened or closed).
 *
 * <p>An order is refused, with the reason, when
 * <ul>
 * <li>it iterates a tensor against its storage mode order;
 * <li>a reduction's variable comes before its innermost free variable L (a Spacc1) with another variable
 * of its nest in between (that needs a higher-order accumulator), or it is a max (no max accumulator);
 * <li>a reduction variable is also iterated by the enclosing nest at the same depth (rename it);
 * <li>nothing iterates an output variable.
 * </ul>
 */
public final class GroupLegality {
    private GroupLegality() {
    }

    /** Why the group cannot be lowered under the order, or empty when it can. */
    public static Optional<String> check(Program program, FusedGroup group, DataflowOrder order) {
        for (Assignment root : group.roots()) {
            for (Access access : root.value().accesses()) {
                int last = -1;
                TensorDecl decl = program.tensor(access.tensor());
                for (int mode : decl.modeOrder()) {
                    int position = order.position(access.indices().get(mode));
                    if (position < last) {
                        return Optional.of("order " + order + " iterates " + access + " against its storage order");
                    }
                    last = position;
                }
            }
            for (IndexVar var : root.target().indices()) {
                if (participants(program, root.value(), var, order) == null) {
                    return Optional.of("output variable " + var + " of " + root.target() + " is not indexed by any operand");
                }
            }
            List<IndexVar> nest = new ArrayList<>(root.target().indices());
            nest.sort((a, b) -> Integer.compare(order.position(a), order.position(b)));
            Optional<String> reason = region(program, root.value(), nest, order);
            if (reason.isPresent()) {
                return reason;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> region(Program program, Expr expr, List<IndexVar> nest, DataflowOrder order) {
        for (Reduction reduction : reductionsOf(expr)) {
            IndexVar r = reduction.var();
            IndexVar inner = innermostFree(reduction, order);
            List<IndexVar> childNest = new ArrayList<>();
            Mode mode = mode(program, reduction, order);
            if (mode == Mode.SPACC) {
                if (reduction.function() == ReduceFunction.MAX) {
                    return Optional.of("order " + order + " puts " + r + " above " + inner + " in " + reduction
                            + ", which needs a max accumulator (none exists; iterate " + r + " innermost)");
                }
                for (IndexVar var : nest) {
                    int p = order.position(var);
                    if (var.equals(r)) {
                        return Optional.of("order " + order + ": " + r + " is both iterated around and reduced by "
                                + reduction + "; rename the reduction variable");
                    }
                    if (p > order.position(r) && p < order.position(inner)) {
                        return Optional.of("order " + order + " places " + var + " between " + r + " and " + inner
                                + " of " + reduction + " (a spacc of order 2 or more, not lowered)");
                    }
                    if (p < order.position(inner)) {
                        childNest.add(var);
                    }
                }
                childNest.add(r);
                childNest.add(inner);
                if (participants(program, reduction.body(), inner, order) == null) {
                    return Optional.of("nothing in " + reduction.body() + " iterates " + inner);
                }
            } else {
                for (IndexVar var : nest) {
                    if (inner != null && order.position(var) < order.position(inner)
                            || mode == Mode.OPENED && var.equals(inner)) {
                        childNest.add(var);
                    }
                }
                if (mode == Mode.DROPPED) {
                    childNest.add(inner);
                }
                childNest.add(r);
                if (participants(program, reduction.body(), r, order) == null) {
                    return Optional.of("nothing in " + reduction.body() + " iterates " + r);
                }
            }
            childNest.sort((a, b) -> Integer.compare(order.position(a), order.position(b)));
            Optional<String> inside = region(program, reduction.body(), childNest, order);
            if (inside.isPresent()) {
                return inside;
            }
        }
        return Optional.empty();
    }

    /** The reductions directly in this region (not inside another reduction). */
    static List<Reduction> reductionsOf(Expr expr) {
        List<Reduction> out = new ArrayList<>();
        if (expr instanceof Reduction reduction) {
            out.add(reduction);
            return out;
        }
        for (Expr child : expr.children()) {
            out.addAll(reductionsOf(child));
        }
        return out;
    }

    /** The free variable of a reduction that the order puts last, or null for a scalar result. */
    static IndexVar innermostFree(Reduction reduction, DataflowOrder order) {
        IndexVar best = null;
        for (IndexVar var : reduction.freeVars()) {
            if (best == null || order.position(var) > order.position(best)) {
                best = var;
            }
        }
        return best;
    }

    /** How a reduction is lowered under an order. */
    enum Mode {
        /** r comes after the innermost free variable L and its fibers are never empty: the body joins the
         * enclosing iteration at its free variables and a Reduce folds the r fibers. */
        OPENED,
        /** r comes before L: a Spacc1 accumulates L fibers over r in a nest of its own. */
        SPACC,
        /** r comes after L but an r fiber may be empty: L and r are iterated in a nest of its own, a
         * Reduce folds r, and coordinate drops remove the L coordinates (and their zero sums) whose r
         * fiber was empty, so the result stores exactly what §3.0 says. */
        DROPPED
    }

    static Mode mode(Program program, Reduction reduction, DataflowOrder order) {
        IndexVar inner = innermostFree(reduction, order);
        if (inner == null) {
            return Mode.OPENED;
        }
        if (order.position(reduction.var()) < order.position(inner)) {
            return Mode.SPACC;
        }
        JoinNode atR = participants(program, reduction.body(), reduction.var(), order);
        return atR != null && mayBeEmpty(program, atR, reduction.var()) ? Mode.DROPPED : Mode.OPENED;
    }

    /** Who iterates {@code var} in this region, or null when nothing does. */
    static JoinNode participants(Program program, Expr expr, IndexVar var, DataflowOrder order) {
        if (expr instanceof Access access) {
            return access.indices().contains(var) ? new JoinNode.Leaf(access) : null;
        }
        if (expr instanceof Reduction reduction) {
            if (!reduction.freeVars().contains(var)) {
                return null;
            }
            Mode mode = mode(program, reduction, order);
            if (mode == Mode.SPACC && order.position(reduction.var()) < order.position(var)
                    || mode == Mode.DROPPED && var.equals(innermostFree(reduction, order))) {
                return new JoinNode.Closed(reduction);
            }
            return participants(program, reduction.body(), var, order);
        }
        if (expr instanceof Apply apply) {
            return participants(program, apply.arg(), var, order);
        }
        List<JoinNode> children = new ArrayList<>();
        for (Expr child : expr.children()) {
            JoinNode node = participants(program, child, var, order);
            if (node == null) {
                continue;
            }
            boolean sameKind = expr instanceof Sum || expr instanceof Difference ? node instanceof JoinNode.Union
                    : node instanceof JoinNode.Intersection;
            List<JoinNode> flat = sameKind ? (node instanceof JoinNode.Union u ? u.children()
                    : ((JoinNode.Intersection) node).children()) : List.of(node);
            for (JoinNode f : flat) {
                if (children.stream().noneMatch(c -> c.key().equals(f.key()))) {
                    children.add(f);
                }
            }
        }
        if (children.isEmpty()) {
            return null;
        }
        if (children.size() == 1) {
            return children.get(0);
        }
        return expr instanceof Sum || expr instanceof Difference ? new JoinNode.Union(children)
                : new JoinNode.Intersection(children);
    }

    /** True when the join can produce an empty fiber for some parent coordinate. */
    static boolean mayBeEmpty(Program program, JoinNode node, IndexVar var) {
        if (node instanceof JoinNode.Leaf leaf) {
            TensorDecl decl = program.tensor(leaf.access().tensor());
            int depth = depth(program, leaf.access(), var);
            // a compressed level below a dense one stores empty fibers; a top-level one is empty when the
            // tensor stores nothing at all (below a compressed level, fibers are never empty)
            return decl.formats().get(depth) == LevelFormat.COMPRESSED
                    && (depth == 0 || decl.formats().get(depth - 1) == LevelFormat.DENSE);
        }
        if (node instanceof JoinNode.Closed) {
            return true;
        }
        if (node instanceof JoinNode.Intersection intersection) {
            long filtering = intersection.children().stream().filter(c -> !dense(program, c, var)).count();
            return filtering > 1 || intersection.children().stream().anyMatch(c -> mayBeEmpty(program, c, var));
        }
        return ((JoinNode.Union) node).children().stream().allMatch(c -> mayBeEmpty(program, c, var));
    }

    /** True for an access whose level at {@code var} is dense: it never removes a coordinate. */
    private static boolean dense(Program program, JoinNode node, IndexVar var) {
        return node instanceof JoinNode.Leaf leaf
                && program.tensor(leaf.access().tensor()).formats().get(depth(program, leaf.access(), var))
                        == LevelFormat.DENSE;
    }

    /** The storage level at which an access's tensor holds {@code var}. */
    static int depth(Program program, Access access, IndexVar var) {
        int mode = access.indices().indexOf(var);
        return program.tensor(access.tensor()).modeOrder().indexOf(mode);
    }

}
