package dev.fuseflow.compiler.ir;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code target = value}. Variables of the value that the target does not index are summed over, as in
 * einsum: {@code Y(i,j) = A(i,k) * X(k,j)} means {@code Y(i,j) = sum_k(A(i,k) * X(k,j))}; {@link #normalized()}
 * makes those sums explicit, which is what the lowering and the reference evaluator read.
 */
public record Assignment(Access target, Expr value) {

    /** The accesses of the value, left to right. */
    public List<Access> operands() {
        return value.accesses();
    }

    /** Every index variable, in order of first appearance (target first), explicit reductions included. */
    public List<IndexVar> variables() {
        Set<IndexVar> vars = new LinkedHashSet<>(target.indices());
        collectVars(value, vars);
        return List.copyOf(vars);
    }

    private static void collectVars(Expr expr, Set<IndexVar> out) {
        if (expr instanceof Access access) {
            out.addAll(access.indices());
        }
        if (expr instanceof Reduction reduction) {
            out.add(reduction.var());
        }
        for (Expr child : expr.children()) {
            collectVars(child, out);
        }
    }

    /** The variables summed over implicitly (free in the value, absent from the target). */
    public List<IndexVar> reduced() {
        List<IndexVar> out = new ArrayList<>(value.freeVars());
        out.removeAll(target.indices());
        return out;
    }

    /** The value with the implicit sums made explicit, innermost first in order of appearance. */
    public Expr normalized() {
        Expr expr = value;
        List<IndexVar> sums = reduced();
        for (int k = sums.size() - 1; k >= 0; k--) {
            expr = new Reduction(ReduceFunction.SUM, sums.get(k), expr);
        }
        return expr;
    }

    /** Prints the normalized form, which parses back to an equal assignment. */
    @Override
    public String toString() {
        return target + " = " + normalized();
    }
}
