package dev.fuseflow.compiler.ir;

import java.util.List;
import java.util.Set;

/**
 * {@code sum_k(body)} or {@code max_k(body)}: reduces the body over one variable, using its stored entries
 * only; a fiber with none reduces to no entry.
 */
public record Reduction(ReduceFunction function, IndexVar var, Expr body) implements Expr {
    public List<Expr> children() {
        return List.of(body);
    }

    public Expr withChildren(List<Expr> children) {
        return new Reduction(function, var, children.get(0));
    }

    @Override
    public Set<IndexVar> freeVars() {
        Set<IndexVar> vars = body.freeVars();
        vars.remove(var);
        return vars;
    }

    @Override
    public String toString() {
        return function.word() + "_" + var.name() + "(" + body + ")";
    }
}
