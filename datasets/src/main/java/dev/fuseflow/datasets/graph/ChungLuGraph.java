package dev.fuseflow.datasets.graph;

import dev.fuseflow.datasets.SparseMatrix;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Random graphs with an exact edge count and a heavy-tailed degree distribution: the Chung–Lu model
 * (an edge {u, v} is drawn with probability proportional to {@code w_u · w_v}) with expected degrees
 * {@code w} from {@link PowerLawDegrees}, conditioned on the exact number of distinct edges. Edges are drawn
 * one by one; self loops and repeats are redrawn, so the result has no self loops, no duplicates, and
 * exactly the requested count. Node labels are shuffled, so hubs sit at random rows as in real data.
 *
 * <p>A symmetric graph stores each undirected edge in both directions (as PyG's {@code edge_index} does), so
 * its directed count is even. It also has no isolated node, like the citation and collaboration graphs it
 * stands for (a node is in them because it has a link): before the Chung–Lu draws, each node that has no edge
 * yet, in random order, gets one to a partner drawn by weight. Plain Chung–Lu would leave about a third of
 * the weight-1 nodes isolated. A directed graph draws sources by out-weight and targets by in-weight, two
 * independent power laws with the same fit.
 */
public final class ChungLuGraph {
    /** Above this share of all possible pairs, redrawing repeats gets slow: choose among all pairs instead. */
    private static final double DENSE_SHARE = 0.25;

    private ChungLuGraph() {
    }

    /** Largest number of directed entries a simple graph on {@code nodes} nodes can hold (no self loops). */
    public static long capacity(int nodes) {
        return (long) nodes * (nodes - 1);
    }

    /** The degree law a graph of this size gets (for cards and reports). */
    public static PowerLawDegrees degreeLaw(int nodes, long directedEdges) {
        return PowerLawDegrees.forGraph(nodes, directedEdges);
    }

    /**
     * @param directedEdges entries of the adjacency; even when {@code symmetric}
     * @return the adjacency with values 1, sorted by row then column
     */
    public static SparseMatrix generate(int nodes, long directedEdges, boolean symmetric, SplittableRandom random) {
        if (symmetric && directedEdges % 2 != 0) {
            throw new IllegalArgumentException("a symmetric graph has an even number of directed edges, not " + directedEdges);
        }
        if (directedEdges > capacity(nodes) || directedEdges > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(directedEdges + " edges do not fit a simple graph on " + nodes + " nodes");
        }
        int draws = (int) (symmetric ? directedEdges / 2 : directedEdges);
        long pairs = symmetric ? capacity(nodes) / 2 : capacity(nodes);
        // Out- and in-weights of a directed graph each sum to the edge count; a symmetric graph's degrees to twice it.
        double[] out = shuffledWeights(nodes, directedEdges, random);
        double[] in = symmetric ? out : shuffledWeights(nodes, directedEdges, random);
        long[] keys = draws > DENSE_SHARE * pairs
                ? choosePairs(out, in, draws, symmetric, random)
                : drawPairs(out, in, draws, symmetric, random);
        return toMatrix(nodes, keys, symmetric);
    }

    private static double[] shuffledWeights(int nodes, long directedEdges, SplittableRandom random) {
        double[] weights;
        try {
            weights = degreeLaw(nodes, directedEdges).weights(nodes);
        } catch (IllegalArgumentException e) {
            // so dense (or so small) that the mean degree reaches the cap: every node is alike
            weights = new double[nodes];
            Arrays.fill(weights, 1);
        }
        for (int i = nodes - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            double t = weights[i];
            weights[i] = weights[j];
            weights[j] = t;
        }
        return weights;
    }

    private static long[] drawPairs(double[] out, double[] in, int draws, boolean symmetric, SplittableRandom random) {
        AliasTable sources = new AliasTable(out);
        AliasTable targets = symmetric ? sources : new AliasTable(in);
        LongHashSet edges = new LongHashSet(draws);
        if (symmetric) {
            connectEveryNode(out.length, sources, edges, draws, random);
        }
        while (edges.size() < draws) {
            int u = sources.draw(random);
            int v = targets.draw(random);
            if (u == v) {
                continue;
            }
            edges.add(symmetric ? key(Math.min(u, v), Math.max(u, v)) : key(u, v));
        }
        return edges.toArray();
    }

    private static void connectEveryNode(int n, AliasTable partners, LongHashSet edges, int draws, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        boolean[] linked = new boolean[n];
        for (int u : order) {
            if (edges.size() == draws) {
                return;
            }
            if (linked[u]) {
                continue;
            }
            int v;
            do {
                v = partners.draw(random);
            } while (v == u);
            // u has no edge yet, so {u, v} is new
            edges.add(key(Math.min(u, v), Math.max(u, v)));
            linked[u] = true;
            linked[v] = true;
        }
    }

    /**
     * Weighted sampling without replacement over every pair (Efraimidis–Spirakis: keep the {@code draws}
     * smallest {@code Exp(1) / (w_u·w_v)}), for graphs so dense that redrawing repeats would crawl.
     */
    private static long[] choosePairs(double[] out, double[] in, int draws, boolean symmetric, SplittableRandom random) {
        int n = out.length;
        int pairs = Math.toIntExact(symmetric ? capacity(n) / 2 : capacity(n));
        long[] candidates = new long[pairs];
        double[] priority = new double[pairs];
        int k = 0;
        for (int u = 0; u < n; u++) {
            for (int v = symmetric ? u + 1 : 0; v < n; v++) {
                if (u == v) {
                    continue;
                }
                candidates[k] = key(u, v);
                priority[k++] = -Math.log(1 - random.nextDouble()) / (out[u] * in[v]);
            }
        }
        double[] sorted = priority.clone();
        Arrays.sort(sorted);
        double threshold = sorted[draws - 1];
        long[] chosen = new long[draws];
        int c = 0;
        for (int i = 0; i < pairs && c < draws; i++) {
            if (priority[i] <= threshold) {
                chosen[c++] = candidates[i];
            }
        }
        return chosen;
    }

    private static SparseMatrix toMatrix(int nodes, long[] keys, boolean symmetric) {
        long[] entries;
        if (symmetric) {
            entries = new long[keys.length * 2];
            for (int e = 0; e < keys.length; e++) {
                int u = (int) (keys[e] >>> 32);
                int v = (int) keys[e];
                entries[2 * e] = key(u, v);
                entries[2 * e + 1] = key(v, u);
            }
        } else {
            entries = keys;
        }
        Arrays.sort(entries);
        int[] rows = new int[entries.length];
        int[] cols = new int[entries.length];
        for (int e = 0; e < entries.length; e++) {
            rows[e] = (int) (entries[e] >>> 32);
            cols[e] = (int) entries[e];
        }
        float[] values = new float[entries.length];
        Arrays.fill(values, 1f);
        return new SparseMatrix(nodes, nodes, rows, cols, values);
    }

    private static long key(int u, int v) {
        return ((long) u << 32) | v;
    }
}
