package dev.fuseflow.datasets.graph;

import dev.fuseflow.datasets.DatasetCard.Fact;
import java.util.ArrayList;
import java.util.List;

/**
 * The published statistics of one graph and where they come from.
 *
 * @param directedEdges entries of PyG's {@code edge_index} (twice the undirected count for a symmetric graph)
 * @param symmetric     whether every edge is stored in both directions
 * @param edgesUncertain  whether the edge count is in doubt (marked on the card)
 * @param featuresUncertain whether the feature width is in doubt
 * @param classesUncertain  whether the class count is in doubt
 */
public record GraphProfile(String name, String title, int nodes, long directedEdges, int features, int classes,
        boolean symmetric, String source, boolean edgesUncertain, boolean featuresUncertain, boolean classesUncertain,
        List<String> uncertain) {

    public GraphProfile {
        uncertain = List.copyOf(uncertain);
    }

    /** The card's size facts. */
    public List<Fact> sizes() {
        List<Fact> sizes = new ArrayList<>();
        sizes.add(Fact.of("nodes", nodes));
        String edgeLabel = symmetric
                ? String.format("directed edges (%,d undirected)", directedEdges / 2)
                : "directed edges (not symmetrized)";
        sizes.add(new Fact(edgeLabel, String.format("%,d", directedEdges), edgesUncertain));
        sizes.add(new Fact("features", String.format("%,d", features), featuresUncertain));
        sizes.add(new Fact("classes", Integer.toString(classes), classesUncertain));
        return sizes;
    }
}
