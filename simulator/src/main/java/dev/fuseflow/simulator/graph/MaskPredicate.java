package dev.fuseflow.simulator.graph;

/** Which (outer, inner) coordinate pairs a {@link CrdMaskOp} drops. */
public enum MaskPredicate {
    /** Drops inner coordinates above the outer one (keeps the lower triangle: causal attention). */
    ABOVE_DIAGONAL,
    /** Drops inner coordinates below the outer one (keeps the upper triangle). */
    BELOW_DIAGONAL,
    /** Drops the diagonal itself. */
    DIAGONAL;

    /** True when the pair is dropped. */
    public boolean drops(int outer, int inner) {
        return switch (this) {
            case ABOVE_DIAGONAL -> inner > outer;
            case BELOW_DIAGONAL -> inner < outer;
            case DIAGONAL -> inner == outer;
        };
    }
}
