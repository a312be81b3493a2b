package dev.fuseflow.datasets.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuseflow.datasets.SparseMatrix;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ChungLuGraphTest {

    /** Symmetric, sorted, no self loops, no duplicates, exactly the requested count. */
    static void assertSimpleSymmetric(SparseMatrix a, long directedEdges) {
        assertEquals(directedEdges, a.nnz());
        Set<Long> entries = new HashSet<>();
        for (int e = 0; e < a.nnz(); e++) {
            assertTrue(a.rows()[e] != a.cols()[e], "self loop at " + a.rows()[e]);
            assertTrue(entries.add(((long) a.rows()[e] << 32) | a.cols()[e]), "duplicate");
            if (e > 0) {
                long previous = ((long) a.rows()[e - 1] << 32) | a.cols()[e - 1];
                assertTrue(previous < (((long) a.rows()[e] << 32) | a.cols()[e]), "not sorted at " + e);
            }
            assertEquals(1f, a.values()[e]);
        }
        for (int e = 0; e < a.nnz(); e++) {
            assertTrue(entries.contains(((long) a.cols()[e] << 32) | a.rows()[e]), "missing reverse edge");
        }
    }

    static int[] degrees(SparseMatrix a) {
        int[] degree = new int[a.rowCount()];
        for (int r : a.rows()) {
            degree[r]++;
        }
        return degree;
    }

    @Test
    void coraSizedGraphHasExactCountsAndAHeavyTail() {
        SparseMatrix a = ChungLuGraph.generate(2708, 10_556, true, new SplittableRandom(7));
        assertSimpleSymmetric(a, 10_556);
        int[] degree = degrees(a);
        int max = 0;
        for (int d : degree) {
            max = Math.max(max, d);
        }
        // mean degree 3.9: a power law puts hubs far above it, an Erdős–Rényi graph would stay near 12
        assertTrue(max >= 40, "max degree " + max);
        int low = 0;
        for (int d : degree) {
            low += d <= 2 ? 1 : 0;
        }
        assertTrue(low > 2708 / 3, "most nodes have small degree in a power law, got " + low);
        for (int d : degree) {
            assertTrue(d >= 1, "a symmetric stand-in has no isolated node");
        }
    }

    @Test
    void sameSeedSameGraphOtherSeedOtherGraph() {
        SparseMatrix a = ChungLuGraph.generate(500, 2000, true, new SplittableRandom(1));
        SparseMatrix b = ChungLuGraph.generate(500, 2000, true, new SplittableRandom(1));
        SparseMatrix c = ChungLuGraph.generate(500, 2000, true, new SplittableRandom(2));
        assertArrayEquals(a.rows(), b.rows());
        assertArrayEquals(a.cols(), b.cols());
        assertFalse(java.util.Arrays.equals(a.cols(), c.cols()));
    }

    @Test
    void directedGraphHasExactCountAndIsNotSymmetrized() {
        SparseMatrix a = ChungLuGraph.generate(1000, 7357, false, new SplittableRandom(3));
        assertEquals(7357, a.nnz());
        Set<Long> entries = new HashSet<>();
        int reversed = 0;
        for (int e = 0; e < a.nnz(); e++) {
            assertTrue(a.rows()[e] != a.cols()[e]);
            assertTrue(entries.add(((long) a.rows()[e] << 32) | a.cols()[e]));
        }
        for (int e = 0; e < a.nnz(); e++) {
            reversed += entries.contains(((long) a.cols()[e] << 32) | a.rows()[e]) ? 1 : 0;
        }
        assertTrue(reversed < a.nnz() / 2, "a directed graph keeps most edges one-way, reversed: " + reversed);
    }

    @Test
    void denseSmallGraphsUseTheExactPairChoice() {
        SparseMatrix a = ChungLuGraph.generate(10, 80, true, new SplittableRandom(5));
        assertSimpleSymmetric(a, 80);
        SparseMatrix full = ChungLuGraph.generate(6, 30, true, new SplittableRandom(5));
        assertSimpleSymmetric(full, 30);
    }

    @Test
    void powerLawFitMatchesTheMean() {
        PowerLawDegrees law = PowerLawDegrees.forGraph(2708, 10_556);
        assertEquals(10_556 / 2708.0, PowerLawDegrees.meanOf(law.exponent(), law.min(), law.max()), 1e-6);
        assertEquals(Math.sqrt(10_556), law.max(), 1e-9);
        assertTrue(law.exponent() > 1.5 && law.exponent() < 3, "γ = " + law.exponent());
        double[] w = law.weights(2708);
        double sum = 0;
        for (double x : w) {
            sum += x;
        }
        assertEquals(10_556 / 2708.0, sum / 2708, 0.1);
        assertTrue(w[0] >= w[w.length - 1]);
    }
}
