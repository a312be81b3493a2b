package dev.fuseflow.compiler.zoo;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The weights and graph bindings GCN and GraphSAGE share. Weights are stored compressed with the
 * original's 60 % sparsity (ARCHITECTURE.md §3.5) and biases dense. The artifact draws integers in
 * [0, 255), which would saturate the softmax; the value scales here keep activations of order one on
 * features in [−1, 1): layer 1 sums about 0.4·F products of aggregated features, layer 2 about 0.4·16.
 */
final class GnnWeights {
    static final double WEIGHT_DENSITY = 0.4;
    static final InputSource LAYER1 = new InputSource.Weights(WEIGHT_DENSITY, 0.1);
    static final InputSource LAYER2 = new InputSource.Weights(WEIGHT_DENSITY, 0.5);
    static final InputSource BIAS = new InputSource.Weights(1.0, 0.1);

    private GnnWeights() {
    }

    /** The adjacency {@code A} and features {@code X} of the graph dataset, plus the model's own weights. */
    static Map<String, InputSource> withGraph(Map<String, InputSource> weights) {
        Map<String, InputSource> inputs = new LinkedHashMap<>();
        inputs.put("A", new InputSource.Part("adjacency"));
        inputs.put("X", new InputSource.Part("features"));
        inputs.putAll(weights);
        return inputs;
    }
}
