package dev.fuseflow.datasets;

import java.util.Set;

/** A registered dataset: its card and how to plan its generation for a spec, scale and seed. */
public interface DatasetEntry {

    DatasetCard card();

    /** The {@code name:key=value} keys it accepts. */
    Set<String> parameterKeys();

    /**
     * Plans the dataset; a bad parameter or a scale it cannot honour is a
     * {@link dev.fuseflow.diagnostics.UserError}.
     */
    GenerationPlan plan(DatasetSpec spec, double scale, long seed);
}
