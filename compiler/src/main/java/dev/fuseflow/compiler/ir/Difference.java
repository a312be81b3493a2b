package dev.fuseflow.compiler.ir;

import java.util.List;

/** The difference of two expressions; stored where either is stored, a missing operand counting as 0. */
public record Difference(Expr left, Expr right) implements Expr {
    public List<Expr> children() {
        return List.of(left, right);
    }

    public Expr withChildren(List<Expr> children) {
        return new Difference(children.get(0), children.get(1));
    }

    @Override
    public String toString() {
        return Expr.operand(left, 1, false) + " - " + Expr.operand(right, 1, true);
    }
}
