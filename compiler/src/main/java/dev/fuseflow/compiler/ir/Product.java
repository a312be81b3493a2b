package dev.fuseflow.compiler.ir;

import java.util.List;

/** The product of two expressions; stored where both are stored (intersection, ARCHITECTURE.md §3.0). */
public record Product(Expr left, Expr right) implements Expr {
    public List<Expr> children() {
        return List.of(left, right);
    }

    public Expr withChildren(List<Expr> children) {
        return new Product(children.get(0), children.get(1));
    }

    @Override
    public String toString() {
        return Expr.operand(left, 2, false) + " * " + Expr.operand(right, 2, true);
    }
}
