package dev.fuseflow.compiler.frontend.mlir;

import java.util.List;

/**
 * A class of tensor dimensions an MLIR program requires to be equal, named by its first member
 * ({@code arg1.0}: dimension 0 of argument {@code %arg1}). Any member's name binds the whole class in a
 * {@link ShapeBinding}.
 *
 * @param declaredSize the static size the file declares, or -1 for a dynamic ({@code ?}) dimension
 */
public record MlirDimension(String name, List<String> members, int declaredSize) {
    public MlirDimension {
        members = List.copyOf(members);
    }

    public boolean dynamic() {
        return declaredSize < 0;
    }
}
