package dev.fuseflow.compiler.frontend.mlir;

import dev.fuseflow.diagnostics.UserError;
import java.util.Map;

/**
 * How the shapes of an MLIR program are fixed: explicit sizes for dimensions named like {@code arg1.0} (any
 * dimension of a class names the whole class; see {@link MlirModule#dimensions()}), a scale for the declared
 * static sizes, and the size of dynamic ({@code ?}) dimensions nobody bound.
 *
 * @param dims        dimension name → size; a static size rebound here is reported as a warning
 * @param scale       multiplies every declared static size not bound explicitly (0 &lt; scale ≤ 1; sizes of 4 or
 *                    less stay, larger ones keep a floor of 4, as {@code --scale} does for generated data)
 * @param dynamicSize the size of unbound dynamic dimensions, or 0 to make an unbound one an error
 */
public record ShapeBinding(Map<String, Integer> dims, double scale, int dynamicSize) {

    public ShapeBinding {
        dims = Map.copyOf(dims);
        if (!(scale > 0 && scale <= 1)) {
            throw UserError.of("scale " + scale + " is outside 0 < S <= 1");
        }
        for (var entry : dims.entrySet()) {
            if (entry.getValue() < 1) {
                throw UserError.of("dimension " + entry.getKey() + " is bound to " + entry.getValue()
                        + "; sizes must be positive");
            }
        }
        if (dynamicSize < 0) {
            throw UserError.of("the size of dynamic dimensions must be positive, not " + dynamicSize);
        }
    }

    /** The declared shapes as they are; dynamic dimensions must be bound. */
    public static ShapeBinding declared() {
        return new ShapeBinding(Map.of(), 1, 0);
    }

    /** Size of a declared static dimension under the scale. */
    public int scaled(int declared) {
        if (scale == 1 || declared <= 4) {
            return declared;
        }
        return Math.max(4, (int) Math.round(declared * scale));
    }
}
