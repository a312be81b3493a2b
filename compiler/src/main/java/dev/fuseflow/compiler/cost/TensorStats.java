package dev.fuseflow.compiler.cost;

import dev.fuseflow.compiler.ir.TensorDecl;
import dev.fuseflow.simulator.tensor.FiberTensor;
import dev.fuseflow.simulator.tensor.LevelFormat;
import java.util.Arrays;

/**
 * How full each storage level of a tensor is: {@code prefixDensity[l]} is the number of coordinates stored
 * at level l divided by the size of the coordinate space of levels 0..l. A dense level keeps its parent's
 * density; the last level's density is the tensor's fraction of stored entries.
 */
public record TensorStats(double[] prefixDensity) {

    public TensorStats {
        prefixDensity = prefixDensity.clone();
    }

    /** Measured from data. */
    public static TensorStats of(FiberTensor tensor) {
        int depth = tensor.levels().size();
        double[] density = new double[depth];
        double space = 1;
        for (int l = 0; l < depth; l++) {
            space *= tensor.dim(tensor.modeOrder()[l]);
            density[l] = Math.min(1, tensor.level(l).positions() / space);
        }
        return new TensorStats(density);
    }

    /**
     * Assumed when no data is at hand: entries stored independently with probability {@code density}
     * below the first compressed level, so a compressed level is non-empty where any entry below it is.
     */
    public static TensorStats assumed(TensorDecl decl, double density) {
        int depth = decl.rank();
        double[] result = new double[depth];
        boolean sparse = decl.formats().contains(LevelFormat.COMPRESSED);
        for (int l = 0; l < depth; l++) {
            if (decl.formats().get(l) == LevelFormat.DENSE || !sparse) {
                result[l] = l == 0 ? 1 : result[l - 1];
                continue;
            }
            double below = 1;
            for (int m = l + 1; m < depth; m++) {
                below *= decl.shape().get(decl.modeOrder().get(m));
            }
            result[l] = 1 - Math.pow(1 - density, below);
        }
        return new TensorStats(result);
    }

    /** The density of the projection onto the first {@code levels} storage levels (1 for none). */
    public double prefix(int levels) {
        return levels == 0 ? 1 : prefixDensity[levels - 1];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TensorStats s && Arrays.equals(prefixDensity, s.prefixDensity);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(prefixDensity);
    }

    @Override
    public String toString() {
        return Arrays.toString(prefixDensity);
    }
}
