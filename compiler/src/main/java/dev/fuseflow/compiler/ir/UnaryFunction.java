package dev.fuseflow.compiler.ir;

import java.util.Locale;

/**
 * Elementwise functions of one operand, applied to stored entries only. The scalar forms take a constant:
 * {@code x * c}, {@code x + c}, {@code x / c}, {@code max(x, c)}; {@code relu(x)} is {@code max(x, 0)}.
 */
public enum UnaryFunction {
    RELU, EXP, RSQRT, SIGMOID, SIN, COS, SCALE, OFFSET, DIVIDE, MAX;

    /** The function's name in the einsum text ({@code exp}, {@code relu}, ...); scalar forms have none. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean takesScalar() {
        return this == SCALE || this == OFFSET || this == DIVIDE || this == MAX;
    }

    /** The value in double precision (the reference evaluator's arithmetic). */
    public double apply(double x, double c) {
        return switch (this) {
            case RELU -> Math.max(x, 0);
            case EXP -> Math.exp(x);
            case RSQRT -> 1 / Math.sqrt(x);
            case SIGMOID -> 1 / (1 + Math.exp(-x));
            case SIN -> Math.sin(x);
            case COS -> Math.cos(x);
            case SCALE -> x * c;
            case OFFSET -> x + c;
            case DIVIDE -> x / c;
            case MAX -> Math.max(x, c);
        };
    }

    /** |f'(x)|, for propagating the error bound through the function. */
    public double slope(double x, double c) {
        return switch (this) {
            case RELU -> x > 0 ? 1 : 0;
            case EXP -> Math.exp(x);
            case RSQRT -> 0.5 * Math.pow(Math.abs(x), -1.5);
            case SIGMOID -> {
                double s = 1 / (1 + Math.exp(-x));
                yield s * (1 - s);
            }
            case SIN, COS -> 1;
            case SCALE -> Math.abs(c);
            case OFFSET -> 1;
            case DIVIDE -> 1 / Math.abs(c);
            case MAX -> x > c ? 1 : 0;
        };
    }
}
