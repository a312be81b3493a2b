package dev.fuseflow.compiler.zoo;

import dev.fuseflow.compiler.ir.Program;
import dev.fuseflow.compiler.ir.TensorDecl;
import dev.fuseflow.compiler.run.GeneratedInputs;
import dev.fuseflow.simulator.tensor.FiberTensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seeded stand-ins for a zoo model's inputs with the densities its sources declare, for tests that run
 * without the datasets module: weights as their {@link InputSource.Weights} say, and dataset parts shaped
 * like the real ones (a symmetric 0/1 adjacency of about the given density, dense features and autoencoder batches,
 * autoencoder weights 90 % sparse as the dataset draws them, dense biases).
 */
final class DeclaredInputs {
    private static final double AUTOENCODER_WEIGHT_DENSITY = 0.1;

    private DeclaredInputs() {
    }

    static Map<String, FiberTensor> of(ZooModel model, Program program, double adjacencyDensity, long seed) {
        Map<String, FiberTensor> inputs = new LinkedHashMap<>();
        for (String name : program.inputs()) {
            TensorDecl decl = program.tensor(name);
            long stream = seed * 1_000_003L + name.hashCode();
            InputSource source = model.inputs().get(name);
            FiberTensor tensor;
            if (source instanceof InputSource.Weights weights) {
                tensor = GeneratedInputs.random(decl, weights.density(), weights.scale(), stream);
            } else {
                String part = ((InputSource.Part) source).name();
                tensor = switch (part) {
                    case "adjacency" -> symmetricOnes(GeneratedInputs.random(decl, adjacencyDensity, stream), decl);
                    case "enc_weight", "dec_weight" -> GeneratedInputs.random(decl, AUTOENCODER_WEIGHT_DENSITY, 0.01,
                            stream);
                    case "enc_bias", "dec_bias" -> GeneratedInputs.random(decl, 1.0, 0.01, stream);
                    default -> GeneratedInputs.random(decl, 1.0, stream);
                };
            }
            inputs.put(name, tensor);
        }
        return inputs;
    }

    /**
     * The pattern made symmetric (each drawn edge stored in both directions, as PyG's edge_index stores the
     * graphs the paper's GCN and GraphSAGE run on) with every value 1, as a raw adjacency.
     */
    private static FiberTensor symmetricOnes(FiberTensor pattern, TensorDecl decl) {
        java.util.Set<List<Integer>> edges = new java.util.TreeSet<>(java.util.Comparator
                .<List<Integer>>comparingInt(e -> e.get(0)).thenComparingInt(e -> e.get(1)));
        pattern.forEachStored((c, v) -> {
            edges.add(List.of(c[0], c[1]));
            edges.add(List.of(c[1], c[0]));
        });
        List<int[]> coords = new ArrayList<>();
        edges.forEach(e -> coords.add(new int[] {e.get(0), e.get(1)}));
        float[] values = new float[coords.size()];
        java.util.Arrays.fill(values, 1f);
        return FiberTensor.fromCoo(decl.name(), decl.shapeArray(), decl.formats(), decl.modeOrderArray(),
                coords.toArray(int[][]::new), values);
    }
}
