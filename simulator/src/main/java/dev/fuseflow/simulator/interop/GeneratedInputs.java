package dev.fuseflow.simulator.interop;

import dev.fuseflow.simulator.tensor.FiberTensor;
import dev.fuseflow.simulator.tensor.LevelFormat;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Seeded random inputs for an imported graph, in the formats and mode orders its scans ask for: every mode
 * has the same size n, values are uniform in [-1, 1), and a tensor with a compressed level has about half
 * of its entries zero (so its fibers really are sparse). Used wherever a reference graph must run without
 * its original data (the fixture tests, {@code bench}).
 */
public final class GeneratedInputs {
    private GeneratedInputs() {
    }

    /** One tensor per input of the graph, drawn in the graph's input order from {@code random}. */
    public static Map<String, FiberTensor> forGraph(ImportedComalGraph graph, int n, Random random) {
        Map<String, FiberTensor> inputs = new LinkedHashMap<>();
        for (TensorRequirement requirement : graph.inputs()) {
            inputs.put(requirement.tensor(), tensor(requirement, n, random));
        }
        return inputs;
    }

    /** A random tensor of rank-many n-sized modes. */
    public static FiberTensor tensor(TensorRequirement requirement, int n, Random random) {
        int rank = requirement.rank();
        int[] shape = new int[rank];
        Arrays.fill(shape, n);
        boolean sparse = requirement.formats().contains(LevelFormat.COMPRESSED);
        float[] values = new float[Math.toIntExact((long) Math.pow(n, rank))];
        for (int i = 0; i < values.length; i++) {
            float v = (float) (random.nextDouble() * 2 - 1);
            values[i] = sparse && random.nextBoolean() ? 0f : v;
        }
        return FiberTensor.fromDense(requirement.tensor(), shape, requirement.formats(), requirement.modeOrder(),
                values);
    }
}
