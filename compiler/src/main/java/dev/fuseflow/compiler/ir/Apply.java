package dev.fuseflow.compiler.ir;

import java.util.List;

/** A unary function applied to the stored entries of an expression ({@code exp(x)}, {@code x * 0.5}). */
public record Apply(UnaryFunction function, double scalar, Expr arg) implements Expr {
    public List<Expr> children() {
        return List.of(arg);
    }

    public Expr withChildren(List<Expr> children) {
        return new Apply(function, scalar, children.get(0));
    }

    @Override
    public String toString() {
        String c = Constants.format(scalar);
        return switch (function) {
            case SCALE -> Expr.operand(arg, 2, false) + " * " + c;
            case DIVIDE -> Expr.operand(arg, 2, false) + " / " + c;
            case OFFSET -> Expr.operand(arg, 1, false) + " + " + c;
            case MAX -> "max(" + arg + ", " + c + ")";
            default -> function.word() + "(" + arg + ")";
        };
    }
}
