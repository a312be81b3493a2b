package dev.fuseflow.compiler.ir;

/** The product of two expressions; stored where both are stored (intersection, ARCHITECTURE.md §3.0). */
public record Product(Expr left, Expr right) implements Expr {
    @Override
    public String toString() {
        return left + " * " + right;
    }
}
