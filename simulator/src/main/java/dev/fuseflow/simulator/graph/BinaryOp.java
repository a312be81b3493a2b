package dev.fuseflow.simulator.graph;

/** The operations of a two-input ALU (Comal Binary; protobuf ALUOp ADD, SUB, MUL, DIV, MAX, ELEMMUL). */
public enum BinaryOp {
    ADD, SUB, MUL, DIV, MAX, ELEMMUL;

    /** The operation on float32 operands, as the machine computes it. */
    public float apply(float a, float b) {
        return switch (this) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL, ELEMMUL -> a * b;
            case DIV -> a / b;
            case MAX -> Math.max(a, b);
        };
    }
}
