package dev.fuseflow.simulator.graph;

/**
 * The operations of a one-input ALU (Comal Unary; protobuf ALUOp EXP, SIN, COS, MAX, SCALARADD, SCALARMUL,
 * SCALARDIV, RSQRT, SIGMOID). {@code MAX_SCALAR} is {@code max(x, scalar)}: ReLU when the scalar is 0.
 */
public enum UnaryOp {
    EXP, SIN, COS, MAX_SCALAR, SCALAR_ADD, SCALAR_MUL, SCALAR_DIV, RSQRT, SIGMOID;

    /** The operation on a float32 operand, as the machine computes it. */
    public float apply(float x, float scalar) {
        return switch (this) {
            case EXP -> (float) Math.exp(x);
            case SIN -> (float) Math.sin(x);
            case COS -> (float) Math.cos(x);
            case MAX_SCALAR -> Math.max(x, scalar);
            case SCALAR_ADD -> x + scalar;
            case SCALAR_MUL -> x * scalar;
            case SCALAR_DIV -> x / scalar;
            case RSQRT -> (float) (1.0 / Math.sqrt(x));
            case SIGMOID -> (float) (1.0 / (1.0 + Math.exp(-x)));
        };
    }

    /** True when the operation reads its scalar parameter. */
    public boolean usesScalar() {
        return this == MAX_SCALAR || this == SCALAR_ADD || this == SCALAR_MUL || this == SCALAR_DIV;
    }
}
