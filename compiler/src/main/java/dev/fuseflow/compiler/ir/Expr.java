package dev.fuseflow.compiler.ir;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The right-hand side of an assignment. The meaning of each form, including which entries are stored, is
 * ARCHITECTURE.md §3.0: products intersect, sums and differences unite, a quotient keeps the numerator's
 * pattern, unary functions apply to stored entries only, reductions run over stored entries.
 */
public sealed interface Expr permits Access, Product, Sum, Difference, Quotient, Apply, Reduction {

    /** The expression's direct sub-expressions, left to right. */
    List<Expr> children();

    /** The same form over new children, aligned with {@link #children()}. */
    Expr withChildren(List<Expr> children);

    /** The variables the value is indexed by, in order of first appearance. */
    default Set<IndexVar> freeVars() {
        Set<IndexVar> vars = new LinkedHashSet<>();
        for (Expr child : children()) {
            vars.addAll(child.freeVars());
        }
        return vars;
    }

    /** Every access in the expression, left to right. */
    default List<Access> accesses() {
        List<Access> out = new java.util.ArrayList<>();
        collectAccesses(this, out);
        return out;
    }

    private static void collectAccesses(Expr expr, List<Access> out) {
        if (expr instanceof Access access) {
            out.add(access);
        }
        for (Expr child : expr.children()) {
            collectAccesses(child, out);
        }
    }

    /** Renames variables everywhere (reduction variables included). */
    default Expr rename(java.util.Map<IndexVar, IndexVar> renaming) {
        if (this instanceof Access access) {
            return new Access(access.tensor(), access.indices().stream().map(v -> renaming.getOrDefault(v, v)).toList());
        }
        if (this instanceof Reduction reduction) {
            return new Reduction(reduction.function(), renaming.getOrDefault(reduction.var(), reduction.var()),
                    reduction.body().rename(renaming));
        }
        return withChildren(children().stream().map(c -> c.rename(renaming)).toList());
    }

    /** Text for a child inside a binary operator of the given precedence (1: + -, 2: * /). */
    static String operand(Expr child, int precedence, boolean right) {
        int own = child instanceof Sum || child instanceof Difference ? 1
                : child instanceof Product || child instanceof Quotient ? 2 : 3;
        boolean paren = own < precedence || (right && own == precedence);
        return paren ? "(" + child + ")" : child.toString();
    }
}
