package dev.fuseflow.compiler.frontend.mlir;

import java.util.ArrayList;
import java.util.List;

/**
 * An MLIR file read and checked, its shapes not yet fixed. {@link #program} binds it to sizes; {@link #chain}
 * joins several split files (one fused kernel each, as the original needs them) into one program.
 */
public final class MlirModule {
    private final FunctionModel model;
    private final List<String> warnings;

    MlirModule(FunctionModel model, List<String> readWarnings) {
        this.model = model;
        List<String> all = new ArrayList<>(readWarnings);
        all.addAll(model.warnings());
        this.warnings = List.copyOf(all);
    }

    /** The file as the user named it. */
    public String file() {
        return model.file();
    }

    /** The function read ({@code forward} for torch-mlir exports). */
    public String functionName() {
        return model.name();
    }

    /** What reading changed or ignored. */
    public List<String> warnings() {
        return warnings;
    }

    /** The dimension classes, whose names (or any member's) a {@link ShapeBinding} binds. */
    public List<MlirDimension> dimensions() {
        return MlirChain.dimensions(List.of(this));
    }

    /** The program with the given sizes. */
    public MlirProgram program(ShapeBinding binding) {
        return MlirChain.link(List.of(this), binding);
    }

    /**
     * Chains split files: each later file's argument that receives the previous file's (first) result is
     * replaced by that result; every other tensor stays its file's own, its name prefixed by the file's name.
     * The receiving argument is the one of the result's rank, preferring an equal declared shape, then an equal
     * storage format; where that leaves a choice, it is an error naming the candidates.
     */
    public static MlirProgram chain(List<MlirModule> modules, ShapeBinding binding) {
        return MlirChain.link(modules, binding);
    }

    /** The dimension classes of a chain. */
    public static List<MlirDimension> chainDimensions(List<MlirModule> modules) {
        return MlirChain.dimensions(modules);
    }

    FunctionModel model() {
        return model;
    }
}
