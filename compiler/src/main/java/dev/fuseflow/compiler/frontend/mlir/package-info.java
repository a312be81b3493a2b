/**
 * The MLIR front end: reads the Linalg + SparseTensor MLIR that torch-mlir exports (the subset of
 * reference/fuseflow-compiler.md §5.1–5.3) into a {@link dev.fuseflow.compiler.ir.Program}.
 *
 * <ul>
 * <li>{@link dev.fuseflow.compiler.frontend.mlir.MlirReader}: the entry point; {@code MlirLexer} and
 * {@code MlirParser} (the whole grammar, in one place) build the {@code MlirSyntax} tree.</li>
 * <li>{@code FunctionTranslator}: types, liveness, constant folding, unit dimensions and equalities;
 * {@code BodyTranslator}: op bodies to expressions (the patterns of §1.17); {@code NamedOps}: matmul, matvec,
 * batch_matmul, add, transpose, ... as the generic ops they abbreviate.</li>
 * <li>{@link dev.fuseflow.compiler.frontend.mlir.MlirModule}: a checked file whose shapes are bound by a
 * {@link dev.fuseflow.compiler.frontend.mlir.ShapeBinding} (dataset dimensions, a scale, the size of {@code ?}
 * dimensions) into an {@link dev.fuseflow.compiler.frontend.mlir.MlirProgram}; split files chain into one
 * program.</li>
 * </ul>
 *
 * Where this front end differs from the original (reference §1.19): it reads every returned value, not only the
 * first; a sparse encoding's dimension-to-level order becomes the tensor's mode order instead of being
 * ignored; outs operands are ignored as the original ignores them, except that a parallel body reading a filled
 * outs operand reads the fill's scalar; multi-op bodies ({@code x * y + z}, the sigmoid) are read as the
 * expressions they compute; constants' payloads are never read (their values come from the dataset, as the
 * original's data files supply them).
 */
package dev.fuseflow.compiler.frontend.mlir;
