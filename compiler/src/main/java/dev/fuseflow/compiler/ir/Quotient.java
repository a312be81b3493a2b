package dev.fuseflow.compiler.ir;

import java.util.List;

/**
 * The quotient of two expressions; stored where the numerator is stored. Every numerator entry needs a
 * stored denominator (the reference evaluator reports a user error otherwise).
 */
public record Quotient(Expr left, Expr right) implements Expr {
    public List<Expr> children() {
        return List.of(left, right);
    }

    public Expr withChildren(List<Expr> children) {
        return new Quotient(children.get(0), children.get(1));
    }

    @Override
    public String toString() {
        return Expr.operand(left, 2, false) + " / " + Expr.operand(right, 2, true);
    }
}
