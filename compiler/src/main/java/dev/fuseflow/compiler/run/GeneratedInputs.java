package dev.fuseflow.compiler.run;

import dev.fuseflow.compiler.ir.Program;
import dev.fuseflow.compiler.ir.TensorDecl;
import dev.fuseflow.simulator.tensor.FiberTensor;
import dev.fuseflow.simulator.tensor.LevelFormat;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded random data for a program's own declared tensors (the {@code generated} dataset): a tensor with a
 * compressed level stores each entry with probability {@code density}, an all-dense one stores every entry;
 * values are uniform in [-1, 1), rounded to float32 once.
 */
public final class GeneratedInputs {
    private GeneratedInputs() {
    }

    /** Data for every input of the program; each tensor's stream is seeded from {@code seed} and its name. */
    public static Map<String, FiberTensor> forProgram(Program program, double density, long seed) {
        Map<String, FiberTensor> inputs = new LinkedHashMap<>();
        for (String name : program.inputs()) {
            inputs.put(name, random(program.tensor(name), density, seed * 31 + name.hashCode()));
        }
        return inputs;
    }

    /** Data for one declaration, in its formats and mode order. */
    public static FiberTensor random(TensorDecl decl, double density, long seed) {
        return random(decl, density, 1.0, seed);
    }

    /** As {@link #random(TensorDecl, double, long)} with values uniform in [-scale, scale). */
    public static FiberTensor random(TensorDecl decl, double density, double scale, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        boolean sparse = decl.formats().contains(LevelFormat.COMPRESSED);
        int[] shape = decl.shapeArray();
        long total = 1;
        for (int d : shape) {
            total *= d;
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("tensor " + decl.name() + " has " + total + " entries; too many to generate");
        }
        int capacity = (int) Math.min(total, sparse ? Math.max(16, (long) (total * density * 1.2)) : total);
        int[][] coords = new int[capacity][];
        float[] values = new float[capacity];
        int stored = 0;
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
            if (stored == coords.length) {
                int grown = (int) Math.min(total, Math.max(16L, coords.length * 2L));
                coords = Arrays.copyOf(coords, grown);
                values = Arrays.copyOf(values, grown);
            }
            coords[stored] = c;
            values[stored] = (float) ((random.nextDouble() * 2 - 1) * scale);
            stored++;
        }
        return FiberTensor.fromCoo(decl.name(), shape, decl.formats(), decl.modeOrderArray(),
                Arrays.copyOf(coords, stored), Arrays.copyOf(values, stored));
    }
}
