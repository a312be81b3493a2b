package dev.fuseflow.datasets.graph;

import dev.fuseflow.datasets.DataPart;
import dev.fuseflow.datasets.DatasetCard;
import dev.fuseflow.datasets.DatasetEntry;
import dev.fuseflow.datasets.DatasetSpec;
import dev.fuseflow.datasets.GenerationPlan;
import dev.fuseflow.datasets.Seeds;
import dev.fuseflow.diagnostics.UserError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A published graph reproduced by {@link ChungLuGraph}: exactly its node and edge counts, a power-law degree
 * distribution fitted to its mean degree, dense features of its width and its class count.
 */
public final class GraphEntry implements DatasetEntry {
    /** Bumped whenever the generator's output for the same parameters changes (it is part of cache keys). */
    static final int GENERATOR_VERSION = 1;
    static final int FEATURE_FLOOR = 8;

    private final GraphProfile profile;

    public GraphEntry(GraphProfile profile) {
        this.profile = profile;
    }

    public GraphProfile profile() {
        return profile;
    }

    @Override
    public DatasetCard card() {
        PowerLawDegrees law = ChungLuGraph.degreeLaw(profile.nodes(), profile.directedEdges());
        String generator = String.format("Chung–Lu with exactly %,d distinct %s edges, no self loops%s; expected degrees "
                        + "follow a power law p(k) ∝ k^-γ on [%.0f, %.0f] with γ = %.2f fitted to the mean degree %.2f "
                        + "(minimum 1, maximum √(Σ degrees)); node labels shuffled; features uniform in [-1, 1) from "
                        + "the seed (every entry stored)",
                profile.symmetric() ? profile.directedEdges() / 2 : profile.directedEdges(),
                profile.symmetric() ? "undirected" : "directed",
                profile.symmetric() ? ", stored in both directions like PyG's edge_index, and no isolated node (each "
                        + "node first gets one edge to a partner drawn by weight)" : "",
                law.min(), law.max(), law.exponent(), law.mean());
        List<String> uncertain = new ArrayList<>(profile.uncertain());
        uncertain.add("the real degree sequence is not available offline: the exponent is fitted to the mean degree "
                + "only, so the tail (largest degrees) is a model, not the data");
        uncertain.add("feature values are random, not the real ones; only the shape is matched");
        return new DatasetCard(profile.name(), "graph", profile.title(), profile.sizes(), profile.source(), generator,
                "nodes × S and edges × S (average degree kept), features × S with a floor of " + FEATURE_FLOOR
                        + ", classes fixed",
                List.of("seed=N (default: --seed)"), uncertain, bytes(profile.nodes(), profile.directedEdges(), profile.features()));
    }

    @Override
    public Set<String> parameterKeys() {
        return Set.of("seed");
    }

    @Override
    public GenerationPlan plan(DatasetSpec spec, double scale, long defaultSeed) {
        spec.checkKeys(parameterKeys());
        long seed = spec.seed(defaultSeed);
        int nodes = (int) Math.max(2, Math.round(profile.nodes() * scale));
        long edges = profile.symmetric() ? 2 * Math.round(profile.directedEdges() / 2.0 * scale)
                : Math.round(profile.directedEdges() * scale);
        edges = Math.max(profile.symmetric() ? 2 : 1, edges);
        if (edges > ChungLuGraph.capacity(nodes)) {
            double average = (double) profile.directedEdges() / profile.nodes();
            throw UserError.of(String.format("--scale %s leaves %s with %d nodes, too few to hold its %d edges; use "
                    + "--scale %.4f or more", scale, profile.name(), nodes, edges, (average + 2) / profile.nodes()));
        }
        int features = scale == 1 ? profile.features()
                : Math.min(profile.features(), Math.max(FEATURE_FLOOR, (int) Math.round(profile.features() * scale)));
        Map<String, Integer> dims = new LinkedHashMap<>();
        dims.put("nodes", nodes);
        dims.put("edges", Math.toIntExact(edges));
        dims.put("features", features);
        dims.put("classes", profile.classes());
        String key = String.format("%s|nodes=%d|edges=%d|features=%d|symmetric=%s|seed=%d|v%d", profile.name(), nodes,
                edges, features, profile.symmetric(), seed, GENERATOR_VERSION);
        String summary = String.format("%s%s: %,d nodes, %,d directed edges (%s), %,d features, %d classes; generated "
                        + "(Chung–Lu, power-law degrees), seed %d", profile.name(), scale == 1 ? "" : " at scale " + scale,
                nodes, edges, profile.symmetric() ? "symmetric" : "directed", features, profile.classes(), seed);
        final long edgeCount = edges;
        return new GenerationPlan(spec.text(), card(), key, dims, summary, bytes(nodes, edges, features),
                "adjacency", "features", () -> {
                    Map<String, DataPart> parts = new LinkedHashMap<>();
                    parts.put("adjacency", ChungLuGraph.generate(nodes, edgeCount, profile.symmetric(),
                            Seeds.stream(seed, profile.name() + "/topology")));
                    parts.put("features", Seeds.uniformDense(nodes, features, Seeds.stream(seed, profile.name() + "/features")));
                    return parts;
                });
    }

    static long bytes(long nodes, long edges, long features) {
        return 12 * edges + 4 * nodes * features;
    }
}
