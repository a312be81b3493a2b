package dev.fuseflow.datasets.graph;

import dev.fuseflow.datasets.DataPart;
import dev.fuseflow.datasets.DatasetCard;
import dev.fuseflow.datasets.DatasetCard.Fact;
import dev.fuseflow.datasets.DatasetEntry;
import dev.fuseflow.datasets.DatasetSpec;
import dev.fuseflow.datasets.DenseMatrix;
import dev.fuseflow.datasets.GenerationPlan;
import dev.fuseflow.datasets.SparseMatrix;
import dev.fuseflow.diagnostics.UserError;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Zachary's karate club (W. W. Zachary, "An information flow model for conflict and fission in small groups",
 * J. Anthropological Research 33(4), 1977): the real 34-member, 78-friendship graph, not a stand-in. As in
 * PyG's {@code KarateClub}: both directions stored (156 entries), identity features (34×34), 4 classes.
 */
public final class KarateClub implements DatasetEntry {
    public static final int NODES = 34;

    /**
     * The published friendships, 1-based as in Zachary's paper: row {@code k} lists member {@code FRIENDS[k][0]}
     * followed by every higher-numbered member he is linked to.
     */
    private static final int[][] FRIENDS = {
        {1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 18, 20, 22, 32},
        {2, 3, 4, 8, 14, 18, 20, 22, 31},
        {3, 4, 8, 9, 10, 14, 28, 29, 33},
        {4, 8, 13, 14},
        {5, 7, 11},
        {6, 7, 11, 17},
        {7, 17},
        {9, 31, 33, 34},
        {10, 34},
        {14, 34},
        {15, 33, 34},
        {16, 33, 34},
        {19, 33, 34},
        {20, 34},
        {21, 33, 34},
        {23, 33, 34},
        {24, 26, 28, 30, 33, 34},
        {25, 26, 28, 32},
        {26, 32},
        {27, 30, 34},
        {28, 34},
        {29, 32, 34},
        {30, 33, 34},
        {31, 33, 34},
        {32, 33, 34},
        {33, 34},
    };

    /** The 78 undirected edges, 0-based, smaller endpoint first. */
    public static int[][] edges() {
        return Arrays.stream(FRIENDS)
                .flatMap(row -> Arrays.stream(row, 1, row.length).mapToObj(friend -> new int[] {row[0] - 1, friend - 1}))
                .toArray(int[][]::new);
    }

    /** The adjacency with both directions stored, sorted, values 1. */
    public static SparseMatrix adjacency() {
        int[][] edges = edges();
        long[] keys = new long[edges.length * 2];
        for (int e = 0; e < edges.length; e++) {
            keys[2 * e] = ((long) edges[e][0] << 32) | edges[e][1];
            keys[2 * e + 1] = ((long) edges[e][1] << 32) | edges[e][0];
        }
        Arrays.sort(keys);
        int[] rows = new int[keys.length];
        int[] cols = new int[keys.length];
        float[] values = new float[keys.length];
        for (int e = 0; e < keys.length; e++) {
            rows[e] = (int) (keys[e] >>> 32);
            cols[e] = (int) keys[e];
            values[e] = 1f;
        }
        return new SparseMatrix(NODES, NODES, rows, cols, values);
    }

    @Override
    public DatasetCard card() {
        return new DatasetCard("karate", "graph", "Zachary's karate club (the real graph; PyG KarateClub)",
                List.of(Fact.of("nodes", NODES), new Fact("directed edges (78 undirected)", "156", false),
                        new Fact("features (identity)", "34", false), new Fact("classes", "4", false)),
                "Zachary 1977, the published friendship list (Fig 17 of the paper uses PyG's KarateClub)",
                "none: the real edge list is built in", "not scaled: it is already tiny (any --scale below 1 is refused)",
                List.of(), List.of("the 4 classes are PyG's community labels, not Zachary's 2 factions"),
                GraphEntry.bytes(NODES, 156, NODES));
    }

    @Override
    public Set<String> parameterKeys() {
        return Set.of();
    }

    @Override
    public GenerationPlan plan(DatasetSpec spec, double scale, long seed) {
        spec.checkKeys(parameterKeys());
        if (scale != 1) {
            throw UserError.of("karate is Zachary's real 34-node graph and is not scaled; run it without --scale "
                    + "(or with --scale 1)");
        }
        Map<String, Integer> dims = new LinkedHashMap<>();
        dims.put("nodes", NODES);
        dims.put("edges", 156);
        dims.put("features", NODES);
        dims.put("classes", 4);
        return new GenerationPlan(spec.text(), card(), "karate|v1", dims,
                "karate: Zachary's karate club, 34 nodes, 156 directed edges (78 friendships), identity features, 4 classes",
                GraphEntry.bytes(NODES, 156, NODES), "adjacency", "features", () -> {
                    float[] identity = new float[NODES * NODES];
                    for (int i = 0; i < NODES; i++) {
                        identity[i * NODES + i] = 1f;
                    }
                    Map<String, DataPart> parts = new LinkedHashMap<>();
                    parts.put("adjacency", adjacency());
                    parts.put("features", new DenseMatrix(NODES, NODES, identity));
                    return parts;
                });
    }
}
