package dev.fuseflow.compiler.frontend.mlir;

/** One dimension of one program tensor, by its position in the MLIR type: {@code arg1.0}. */
record DimKey(String tensor, int dim) {
    @Override
    public String toString() {
        return tensor + "." + dim;
    }
}
