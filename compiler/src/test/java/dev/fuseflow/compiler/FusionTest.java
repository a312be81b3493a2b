package dev.fuseflow.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuseflow.compiler.fusion.FusedGroup;
import dev.fuseflow.compiler.fusion.Lowering;
import dev.fuseflow.compiler.ir.Program;
import dev.fuseflow.compiler.run.RunResult;
import dev.fuseflow.compiler.schedule.DataflowOrder;
import dev.fuseflow.simulator.tensor.FiberTensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Kernels and fused chains: compile under every valid order, simulate, compare with the reference. */
class FusionTest {

    private static List<String> orders(Program program, List<Integer> members) {
        return Lowering.validOrders(program, FusedGroup.of(program, members), 1000).stream()
                .map(DataflowOrder::name).toList();
    }

    private static void everyOrder(Program program, String fusion, List<Integer> members, Map<String, FiberTensor> data) {
        List<String> valid = orders(program, members);
        assertTrue(!valid.isEmpty(), "no valid order for " + program);
        for (String order : valid) {
            Harness.verified(program, fusion, order, data);
        }
    }

    @Test
    void spmvWithSparseVectorDropsEmptyRows() {
        Program p = Harness.parse("""
                A: (dense, compressed) [20, 15]
                x: (compressed) [15]
                y: (compressed) [20]
                y(i) = A(i,j) * x(j)
                """);
        everyOrder(p, "unfused", List.of(0), Harness.data(p, 0.2, 1));
    }

    @Test
    void spmmEveryOrderWithTransposedOperands() {
        Program p = Harness.parse("""
                A: (compressed, compressed) [12, 10]
                B: (compressed, compressed) [10, 9] order [1, 0]
                C: (compressed, compressed) [12, 9]
                C(i,j) = A(i,k) * B(k,j)
                """);
        assertEquals(List.of("ijk", "jik"), orders(p, List.of(0)));
        everyOrder(p, "unfused", List.of(0), Harness.data(p, 0.3, 2));
        Program natural = Harness.parse("""
                A: (compressed, compressed) [12, 10]
                B: (compressed, compressed) [10, 9]
                C: (compressed, compressed) [12, 9]
                C(i,j) = A(i,k) * B(k,j)
                """);
        assertEquals(List.of("ikj"), orders(natural, List.of(0)));
        everyOrder(natural, "unfused", List.of(0), Harness.data(natural, 0.3, 3));
    }

    @Test
    void sddmmSamplesTheDenseProduct() {
        Program p = Harness.parse("""
                M: (dense, compressed) [10, 12]
                U: (dense, dense) [10, 4]
                V: (dense, dense) [12, 4]
                S: (compressed, compressed) [10, 12]
                S(i,j) = M(i,j) * U(i,k) * V(j,k)
                """);
        everyOrder(p, "unfused", List.of(0), Harness.data(p, 0.25, 4));
    }

    @Test
    void sparseAddsUnite() {
        Program p = Harness.parse("""
                A: (dense, compressed) [9, 11]
                B: (dense, compressed) [9, 11]
                c: (compressed) [11]
                Y: (dense, compressed) [9, 11]
                Y(i,j) = A(i,j) + B(i,j) - c(j)
                """);
        everyOrder(p, "unfused", List.of(0), Harness.data(p, 0.3, 5));
    }

    @Test
    void chainedSpmmsUnderEveryPartitionAndOrder() {
        Program p = Harness.parse("""
                A: (compressed, compressed) [8, 7]
                B: (compressed, compressed) [7, 6]
                C: (compressed, compressed) [6, 5]
                T: (compressed, compressed) [8, 6]
                Y: (compressed, compressed) [8, 5]
                T(i,j) = A(i,k) * B(k,j)
                Y(i,l) = T(i,j) * C(j,l)
                """);
        Map<String, FiberTensor> data = Harness.data(p, 0.35, 6);
        Harness.verified(p, "unfused", "auto", data);
        everyOrder(p, "full", List.of(0, 1), data);
    }

    @Test
    void softmaxFusedAndUnfused() {
        Program p = Harness.parse("""
                Z: (dense, compressed) [6, 9]
                m: (compressed) [6]
                E: (dense, compressed) [6, 9]
                s: (compressed) [6]
                P: (dense, compressed) [6, 9]
                m(i) = max_j(Z(i,j))
                E(i,j) = exp(Z(i,j) - m(i))
                s(i) = sum_j(E(i,j))
                P(i,j) = E(i,j) / s(i)
                """);
        Map<String, FiberTensor> data = Harness.data(p, 0.4, 7);
        Harness.verified(p, "unfused", "auto", data);
        everyOrder(p, "full", List.of(0, 1, 2, 3), data);
    }

    @Test
    void layerNormFused() {
        Program p = Harness.parse("""
                X: (dense, dense) [5, 8]
                mu: (dense) [5]
                D: (dense, dense) [5, 8]
                v: (dense) [5]
                Y: (dense, dense) [5, 8]
                mu(i) = sum_j(X(i,j)) / 8.0
                D(i,j) = X(i,j) - mu(i)
                v(i) = sum_j(D(i,j) * D(i,j)) / 8.0 + 0.00001
                Y(i,j) = D(i,j) * rsqrt(v(i))
                """);
        Map<String, FiberTensor> data = Harness.data(p, 1.0, 8);
        Harness.verified(p, "unfused", "auto", data);
        Harness.verified(p, "full", "auto", data);
    }

    @Test
    void maskedAttentionScores() {
        Program p = Harness.parse("""
                M: (dense, compressed) [8, 8]
                Q: (dense, dense) [8, 4]
                K: (dense, dense) [8, 4]
                V: (dense, dense) [8, 4]
                S: (dense, compressed) [8, 8]
                O: (dense, compressed) [8, 4]
                S(i,j) = M(i,j) * Q(i,d) * K(j,d)
                O(i,e) = S(i,j) * V(j,e)
                """);
        Map<String, FiberTensor> data = Harness.data(p, 0.3, 9);
        Harness.verified(p, "unfused", "auto", data);
        Harness.verified(p, "full", "auto", data);
    }

    @Test
    void twoLayerGcnRecomputesUnderFullFusion() {
        Program p = Harness.parse("""
                A: (dense, compressed) [12, 12]
                X: (dense, dense) [12, 6]
                W1: (dense, dense) [6, 4]
                b1: (dense) [4]
                W2: (dense, dense) [4, 3]
                b2: (dense) [3]
                T1: (dense, compressed) [12, 6]
                H: (dense, compressed) [12, 4]
                T2: (dense, compressed) [12, 3]
                Y: (dense, compressed) [12, 3]
                T1(i,k) = A(i,j) * X(j,k)
                H(i,l) = relu(T1(i,k) * W1(k,l) + b1(l))
                T2(i,m) = A(i,n) * H(n,l) * W2(l,m)
                Y(i,m) = T2(i,m) + b2(m)
                """);
        Map<String, FiberTensor> data = Harness.data(p, 0.3, 10);
        RunResult unfused = Harness.verified(p, "unfused", "auto", data);
        RunResult partial = Harness.verified(p, "groups=0-1,2-3", "auto", data);
        RunResult full = Harness.verified(p, "full", "auto", data);
        assertTrue(full.total().flops() > unfused.total().flops(),
                "full fusion recomputes layer 1 per neighbour: " + full.total().flops() + " vs " + unfused.total().flops());
        assertTrue(partial.total().flops() <= full.total().flops());
    }
}
