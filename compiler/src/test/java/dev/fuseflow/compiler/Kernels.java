package dev.fuseflow.compiler;

import java.util.List;

/** Named einsum programs shared by the tests that measure whole compilations (cleanup, exports). */
final class Kernels {
    private Kernels() {
    }

    static final String SPMM = """
            A: (compressed, compressed) [12, 10]
            B: (compressed, compressed) [10, 9]
            C: (compressed, compressed) [12, 9]
            C(i,j) = A(i,k) * B(k,j)
            """;

    static final String CHAINED_SPMM = """
            A: (compressed, compressed) [8, 7]
            B: (compressed, compressed) [7, 6]
            C: (compressed, compressed) [6, 5]
            T: (compressed, compressed) [8, 6]
            Y: (compressed, compressed) [8, 5]
            T(i,j) = A(i,k) * B(k,j)
            Y(i,l) = T(i,j) * C(j,l)
            """;

    static final String SDDMM = """
            M: (dense, compressed) [10, 12]
            U: (dense, dense) [10, 4]
            V: (dense, dense) [12, 4]
            S: (compressed, compressed) [10, 12]
            S(i,j) = M(i,j) * U(i,k) * V(j,k)
            """;

    static final String SPARSE_ADDS = """
            A: (dense, compressed) [9, 11]
            B: (dense, compressed) [9, 11]
            c: (compressed) [11]
            Y: (dense, compressed) [9, 11]
            Y(i,j) = A(i,j) + B(i,j) - c(j)
            """;

    static final String SOFTMAX = """
            Z: (dense, compressed) [6, 9]
            m: (compressed) [6]
            E: (dense, compressed) [6, 9]
            s: (compressed) [6]
            P: (dense, compressed) [6, 9]
            m(i) = max_j(Z(i,j))
            E(i,j) = exp(Z(i,j) - m(i))
            s(i) = sum_j(E(i,j))
            P(i,j) = E(i,j) / s(i)
            """;

    static final String LAYER_NORM = """
            X: (dense, dense) [5, 8]
            mu: (dense) [5]
            D: (dense, dense) [5, 8]
            v: (dense) [5]
            Y: (dense, dense) [5, 8]
            mu(i) = sum_j(X(i,j)) / 8.0
            D(i,j) = X(i,j) - mu(i)
            v(i) = sum_j(D(i,j) * D(i,j)) / 8.0 + 0.00001
            Y(i,j) = D(i,j) * rsqrt(v(i))
            """;

    static final String MASKED_ATTENTION = """
            M: (dense, compressed) [8, 8]
            Q: (dense, dense) [8, 4]
            K: (dense, dense) [8, 4]
            V: (dense, dense) [8, 4]
            S: (dense, compressed) [8, 8]
            O: (dense, compressed) [8, 4]
            S(i,j) = M(i,j) * Q(i,d) * K(j,d)
            O(i,e) = S(i,j) * V(j,e)
            """;

    static final String GCN_TWO_LAYER = """
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
            """;

    /** A kernel under test: a short name, its einsum text and the fusions worth measuring. */
    record Kernel(String name, String text, List<String> fusions) {
    }

    static List<Kernel> all() {
        return List.of(
                new Kernel("spmm", SPMM, List.of("unfused")),
                new Kernel("chained-spmm", CHAINED_SPMM, List.of("unfused", "full")),
                new Kernel("sddmm", SDDMM, List.of("unfused")),
                new Kernel("sparse-adds", SPARSE_ADDS, List.of("unfused")),
                new Kernel("softmax", SOFTMAX, List.of("unfused", "full")),
                new Kernel("layer-norm", LAYER_NORM, List.of("unfused", "full")),
                new Kernel("masked-attention", MASKED_ATTENTION, List.of("unfused", "full")),
                new Kernel("gcn-2-layer", GCN_TWO_LAYER, List.of("unfused", "groups=0-1,2-3", "full")));
    }
}
