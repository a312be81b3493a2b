package dev.fuseflow.compiler;

import dev.fuseflow.compiler.ir.TensorDecl;
import dev.fuseflow.simulator.tensor.FiberTensor;
import dev.fuseflow.simulator.tensor.LevelFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded random tensors for a declaration: compressed tensors at a density, dense ones full. */
final class TestData {
    private TestData() {
    }

    static FiberTensor random(TensorDecl decl, double density, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        boolean sparse = decl.formats().contains(LevelFormat.COMPRESSED);
        int[] shape = decl.shapeArray();
        List<int[]> coords = new ArrayList<>();
        List<Float> values = new ArrayList<>();
        int total = 1;
        for (int d : shape) {
            total *= d;
        }
        for (int flat = 0; flat < total; flat++) {
            if (sparse && random.nextDouble() >= density) {
                continue;
            }
            int[] c = new int[shape.length];
            int rest = flat;
            for (int m = shape.length - 1; m >= 0; m--) {
                c[m] = rest % shape[m];
                rest /= shape[m];
            }
            coords.add(c);
            values.add((float) (random.nextDouble() * 2 - 1));
        }
        float[] v = new float[values.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = values.get(i);
        }
        return FiberTensor.fromCoo(decl.name(), shape, decl.formats(), decl.modeOrderArray(), coords.toArray(int[][]::new), v);
    }
}
