package dev.fuseflow.datasets;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A registered dataset made from its {@link GenerationPlan}, by its generator or from the cache. */
public final class GeneratedDataset implements Dataset {
    private final GenerationPlan plan;
    private final Map<String, DataPart> parts;

    public GeneratedDataset(GenerationPlan plan, Map<String, DataPart> parts) {
        this.plan = plan;
        this.parts = Collections.unmodifiableMap(new LinkedHashMap<>(parts));
    }

    @Override
    public String spec() {
        return plan.spec();
    }

    @Override
    public String summary() {
        return plan.summary();
    }

    @Override
    public Optional<SparseMatrix> matrix() {
        return plan.matrixPart() == null ? Optional.empty() : Optional.of((SparseMatrix) parts.get(plan.matrixPart()));
    }

    @Override
    public Optional<DenseMatrix> features() {
        return plan.featuresPart() == null ? Optional.empty() : Optional.of((DenseMatrix) parts.get(plan.featuresPart()));
    }

    @Override
    public Map<String, DataPart> parts() {
        return parts;
    }

    @Override
    public Map<String, Integer> dimensions() {
        Map<String, Integer> dims = new LinkedHashMap<>(Dataset.super.dimensions());
        dims.putAll(plan.dimensions());
        return dims;
    }

    @Override
    public Optional<DatasetCard> card() {
        return Optional.of(plan.card());
    }
}
