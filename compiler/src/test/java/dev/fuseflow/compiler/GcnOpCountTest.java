package dev.fuseflow.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuseflow.compiler.export.ComalExport;
import dev.fuseflow.compiler.export.SummaryPrinter;
import dev.fuseflow.compiler.ir.Program;
import dev.fuseflow.simulator.graph.SamGraph;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Our op counts for the GCN kernels of fuseflow-compiler.md §5.5 (built with the einsum parser, shapes
 * shrunk: counts do not depend on sizes), in the original's columns, printed as the rows of
 * compiler/docs/summary-vs-original.md and compared with our expected row there.
 */
class GcnOpCountTest {
    private static final String DECLS = """
            A: (compressed, compressed) [12, 12]
            X: (dense, dense) [12, 6]
            W1: (compressed, compressed) [6, 4]
            b1: (dense) [4]
            W2: (compressed, compressed) [4, 3]
            b2: (dense) [3]
            """;

    /**
     * A kernel: its file name in the original, the original's row and ours (valid orders | chosen order | gen |
     * lookup | repeat | joiner | locate | arrayval | alu | reduce | spacc | writes | protobuf nodes
     * (broadcasts)), its einsum text beyond {@link #DECLS}, and the fusion that makes it one group.
     */
    record Row(String name, String original, String ours, String text, String fusion) {
    }

    static final List<Row> ROWS = List.of(
            new Row("gcn_adj_x1", "1 | i0 i1 i2 | 1 | 3 | 1 | 0 | 1 | 2 | 1 | 0 | 1 | 3 | 14 (1)",
                    "1 | ikf | 1 | 3 | 1 | 0 | 1 | 2 | 1 | 0 | 1 | 3 | 14 (1)", """
                    T1: (dense, dense) [12, 6]
                    T1(i,f) = A(i,k) * X(k,f)
                    """, "full"),
            new Row("gcn_linear1_mul", "1 | i0 i1 i2 | 2 | 3 | 2 | 0 | 1 | 2 | 1 | 0 | 1 | 3 | 16 (1)",
                    "1 | ifh | 2 | 4 | 2 | 1 | 0 | 2 | 1 | 0 | 1 | 3 | 18 (2)", """
                    T1: (dense, dense) [12, 6]
                    T2: (dense, dense) [12, 4]
                    T2(i,h) = T1(i,f) * W1(f,h)
                    """, "full"),
            new Row("gcn_linear1_bias", "1 | i0 i1 | 2 | 3 | 1 | 1 | 0 | 2 | 1 | 0 | 0 | 3 | 14 (1)",
                    "1 | ih | 2 | 3 | 1 | 1 | 0 | 2 | 1 | 0 | 0 | 3 | 14 (1)", """
                    T2: (dense, dense) [12, 4]
                    B: (dense, dense) [12, 4]
                    B(i,h) = T2(i,h) + b1(h)
                    """, "full"),
            new Row("gcn_relu", "1 | i0 i1 | 1 | 2 | 0 | 0 | 0 | 1 | 1 | 0 | 0 | 3 | 8 (0)",
                    "1 | ih | 1 | 2 | 0 | 0 | 0 | 1 | 1 | 0 | 0 | 3 | 8 (0)", """
                    B: (dense, dense) [12, 4]
                    H: (dense, dense) [12, 4]
                    H(i,h) = relu(B(i,h))
                    """, "full"),
            new Row("gcn_softmax", "1 | i0 i1 | 1 | 2 | 2 | 0 | 0 | 1 | 3 | 2 | 0 | 3 | 17 (3)",
                    "1 | ic | 1 | 2 | 2 | 0 | 0 | 1 | 3 | 2 | 0 | 3 | 17 (3)", """
                    Z: (dense, dense) [12, 3]
                    m: (dense) [12]
                    E: (dense, dense) [12, 3]
                    s: (dense) [12]
                    P: (dense, dense) [12, 3]
                    m(i) = max_c(Z(i,c))
                    E(i,c) = exp(Z(i,c) - m(i))
                    s(i) = sum_c(E(i,c))
                    P(i,c) = E(i,c) / s(i)
                    """, "full"),
            new Row("one_layer_gcn", "1 | i0 i1 i2 i3 | 3 | 6 | 4 | 2 | 1 | 4 | 4 | 0 | 2 | 3 | 32 (3)",
                    "1 | ikfh | 3 | 6 | 4 | 2 | 1 | 4 | 4 | 0 | 2 | 3 | 32 (3)", """
                    T1: (compressed, compressed) [12, 6]
                    T2: (compressed, compressed) [12, 4]
                    H: (compressed, compressed) [12, 4]
                    T1(i,f) = A(i,k) * X(k,f)
                    T2(i,h) = T1(i,f) * W1(f,h)
                    H(i,h) = relu(T2(i,h) + b1(h))
                    """, "full"),
            new Row("one_layer_gcn2", "21 | i0 i1 i2 i4 i5 i6 … i3 | 3 | 6 | 6 | 2 | 1 | 4 | 6 | 2 | 2 | 3 | 41 (6)",
                    "1 | ikhc | 3 | 6 | 6 | 2 | 1 | 4 | 6 | 2 | 2 | 3 | 41 (6)", """
                    H: (dense, dense) [12, 4]
                    T3: (compressed, compressed) [12, 4]
                    T4: (compressed, compressed) [12, 3]
                    Z: (compressed, compressed) [12, 3]
                    m: (compressed) [12]
                    E: (compressed, compressed) [12, 3]
                    s: (compressed) [12]
                    P: (dense, dense) [12, 3]
                    T3(i,h) = A(i,k) * H(k,h)
                    T4(i,c) = T3(i,h) * W2(h,c)
                    Z(i,c) = T4(i,c) + b2(c)
                    m(i) = max_c(Z(i,c))
                    E(i,c) = exp(Z(i,c) - m(i))
                    s(i) = sum_c(E(i,c))
                    P(i,c) = E(i,c) / s(i)
                    """, "full"),
            new Row("gcn/gcn_sparse", "21 | i0 i1 i2 i3 i4 i6 … i5 | 5 | 11 | 13 | 5 | 1 | 7 | 10 | 2 | 4 | 3 | 71 (10)",
                    "1 | inkfhc | 5 | 11 | 13 | 5 | 1 | 7 | 10 | 2 | 4 | 3 | 71 (10)", """
                    T1: (dense, dense) [12, 6]
                    T2: (dense, dense) [12, 4]
                    H: (dense, dense) [12, 4]
                    T3: (dense, dense) [12, 4]
                    T4: (dense, dense) [12, 3]
                    Z: (dense, dense) [12, 3]
                    m: (dense) [12]
                    E: (dense, dense) [12, 3]
                    s: (dense) [12]
                    P: (dense, dense) [12, 3]
                    T1(i,f) = A(i,k) * X(k,f)
                    T2(i,h) = T1(i,f) * W1(f,h)
                    H(i,h) = relu(T2(i,h) + b1(h))
                    T3(i,h) = A(i,n) * H(n,h)
                    T4(i,c) = T3(i,h) * W2(h,c)
                    Z(i,c) = T4(i,c) + b2(c)
                    m(i) = max_c(Z(i,c))
                    E(i,c) = exp(Z(i,c) - m(i))
                    s(i) = sum_c(E(i,c))
                    P(i,c) = E(i,c) / s(i)
                    """, "full"));

    private static int sum(Map<String, Integer> counts, String... kinds) {
        int total = 0;
        for (String kind : kinds) {
            total += counts.getOrDefault(kind, 0);
        }
        return total;
    }

    /** Our counts of one compiled group in the original's columns. */
    static String ours(CompiledGroup group) {
        Map<String, Integer> c = group.graph().opCounts();
        SamGraph comal = ComalExport.comalForm(group.graph());
        return String.join(" | ", SummaryPrinter.validOrderCount(group.validOrders().size()), group.order().name(),
                "" + sum(c, "Root"), "" + sum(c, "FiberLookup"), "" + sum(c, "Repeat"), "" + sum(c, "Intersect", "Union"),
                "" + sum(c, "Locate"), "" + sum(c, "Array"), "" + sum(c, "BinaryAlu", "UnaryAlu"),
                "" + sum(c, "Reduce", "MaxReduce"), "" + sum(c, "Spacc1", "Spacc2"), "" + sum(c, "FiberWrite", "ValueWrite"),
                comal.ops().size() + " (" + comal.opCounts().getOrDefault("Broadcast", 0) + ")");
    }

    /**
     * A golden test against the original: a change to the lowering that moves a count away from (or
     * towards) the original's shows up here, and compiler/docs/summary-vs-original.md must say why.
     */
    @Test
    void opCountsInTheOriginalsColumns() {
        StringBuilder table = new StringBuilder();
        for (Row row : ROWS) {
            Program program = Harness.parse(DECLS + row.text());
            CompiledProgram compiled = Compiler.compile(program, row.fusion(), Harness.schedule(program, row.fusion()),
                    "auto");
            assertEquals(1, compiled.groups().size(), row.name());
            CompiledGroup group = compiled.groups().get(0);
            Harness.verified(program, row.fusion(), "auto", Harness.data(program, 0.4, 13));
            table.append("| ").append(row.name()).append(" | original | ").append(row.original()).append(" |\n");
            table.append("| ").append(row.name()).append(" | ours | ").append(ours(group)).append(" |\n");
            List<String> other = group.graph().opCounts().keySet().stream().filter(kind -> !List.of("Root",
                    "FiberLookup", "Repeat", "Intersect", "Union", "Locate", "Array", "BinaryAlu", "UnaryAlu", "Reduce",
                    "MaxReduce", "Spacc1", "Spacc2", "FiberWrite", "ValueWrite", "Broadcast", "FiberDrop")
                    .contains(kind)).toList();
            assertTrue(other.isEmpty(), row.name() + " has kinds outside the original's columns: " + other);
            // ours only: the fused kernels drop the rows their second product empties before the bias is
            // repeated over them (summary-vs-original.md)
            assertEquals(List.of("one_layer_gcn", "one_layer_gcn2", "gcn/gcn_sparse").contains(row.name()) ? 1 : 0,
                    group.graph().opCounts().getOrDefault("FiberDrop", 0),
                    row.name() + " fiber drops");
            assertEquals(row.ours(), ours(group), row.name());
        }
        System.out.print(table);
    }
}
