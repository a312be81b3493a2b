package dev.fuseflow.datasets.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fuseflow.datasets.SparseMatrix;
import org.junit.jupiter.api.Test;

class KarateClubTest {
    @Test
    void isZacharysGraph() {
        assertEquals(78, KarateClub.edges().length);
        SparseMatrix a = KarateClub.adjacency();
        ChungLuGraphTest.assertSimpleSymmetric(a, 156);
        int[] degree = ChungLuGraphTest.degrees(a);
        // the instructor (member 1) has 16 friends, the administrator (member 34) 17, member 12 only one
        assertEquals(16, degree[0]);
        assertEquals(17, degree[33]);
        assertEquals(1, degree[11]);
        assertEquals(12, degree[32]);
        int triangles = 0;
        boolean[][] adj = new boolean[34][34];
        for (int e = 0; e < a.nnz(); e++) {
            adj[a.rows()[e]][a.cols()[e]] = true;
        }
        for (int i = 0; i < 34; i++) {
            for (int j = i + 1; j < 34; j++) {
                for (int k = j + 1; k < 34; k++) {
                    triangles += adj[i][j] && adj[j][k] && adj[i][k] ? 1 : 0;
                }
            }
        }
        assertEquals(45, triangles);
    }
}
