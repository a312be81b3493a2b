package dev.fuseflow.compiler.ir;

/** The right-hand side of an assignment: a tensor access or a product of expressions. */
public sealed interface Expr permits Access, Product {
}
