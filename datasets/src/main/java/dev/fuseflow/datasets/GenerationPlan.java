package dev.fuseflow.datasets;

import java.util.Map;
import java.util.function.Supplier;

/**
 * How to make one registered dataset at a given scale and seed, decided before anything is generated: the
 * cache key (name, every parameter after defaults and scaling, seed, generator version), the dimensions,
 * an estimate of the memory its parts take, and the generator itself.
 */
public record GenerationPlan(String spec, DatasetCard card, String cacheKey, Map<String, Integer> dimensions,
        String summary, long estimatedBytes, String matrixPart, String featuresPart,
        Supplier<Map<String, DataPart>> generator) {
}
