package dev.fuseflow.datasets.graph;

import java.util.List;

/**
 * The graphs of the paper's GCN and GraphSAGE evaluation, with the counts of
 * {@code docs/reference/paper-results.md} §2.2 (taken there from the PyG and OGB documentation).
 */
public final class GraphCatalog {
    private static final String PAPER = "paper-results.md §2.2";

    private GraphCatalog() {
    }

    public static List<GraphProfile> profiles() {
        return List.of(
                new GraphProfile("cora", "Cora citation graph (PyG Planetoid 'Cora')", 2_708, 10_556, 1_433, 7, true,
                        PAPER + ", from the PyG/MindSpore Cora statistics", false, false, false, List.of()),
                new GraphProfile("cora_ml", "Cora-ML citation graph (PyG CitationFull 'cora_ml')", 2_995, 16_316, 2_879,
                        7, true, PAPER + ", from the PyG CitationFull table", false, false, false, List.of()),
                new GraphProfile("dblp", "DBLP citation graph (PyG CitationFull 'dblp')", 17_716, 105_734, 1_639, 4, true,
                        PAPER + ", from the PyG CitationFull table", false, true, false,
                        List.of("the feature width 1,639 was recalled from a PyG table whose text was truncated")),
                new GraphProfile("collab", "OGB ogbl-collab author collaboration graph, training edges", 235_868,
                        2_358_104, 128, 2, true, PAPER + " and the OGB ogbl-collab description", true, false, true,
                        List.of("the edge count is the training split, 1,179,052 undirected = 2,358,104 directed; "
                                        + "OGB also quotes 1,285,465 edges in total, and the real training edges "
                                        + "repeat some author pairs (one per year), which this simple graph does not",
                                "ogbl-collab has no node classes: the artifact's code falls back to 2")),
                new GraphProfile("mag", "OGB ogbn-mag, paper nodes and paper-cites-paper edges only", 736_389, 5_416_271,
                        128, 349, false, PAPER + " (≈5.4 M cites) and the OGB ogbn-mag description", true, false, false,
                        List.of("the paper page gives ≈5.4 M cites; 5,416,271 is OGB's count as recalled, not re-checked "
                                + "here; citations are directed and PyG keeps them so (not symmetrized)")));
    }
}
