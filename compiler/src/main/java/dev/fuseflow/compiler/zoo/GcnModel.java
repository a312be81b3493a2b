package dev.fuseflow.compiler.zoo;

import dev.fuseflow.compiler.ir.Program;
import dev.fuseflow.compiler.schedule.Schedule;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code zoo:gcn}: the paper's two-layer GCN, {@code softmax(A · relu((A·X)·W1 + b1) · W2 + b2)} with hidden
 * size 16, aggregation first and the raw 0/1 adjacency (paper-results.md §2.1 GCN, §2.1.1 steps 1–8). The
 * softmax (step 8) is four assignments (max, exp of the difference, sum, divide), which the unfused preset
 * keeps in one kernel as the artifact's {@code gcn_softmax} does. Intermediates are (compressed, compressed)
 * under every preset, so each preset stores the same entries (compiler/DEVIATIONS.md, Zoo GCN intermediates).
 */
public final class GcnModel extends GnnModel {
    /** Program assignments 0–6 are paper steps 1–7; 7–10 are the softmax, step 8. */
    private static final int SOFTMAX_START = 7;
    private static final int ASSIGNMENTS = 11;

    @Override
    public String name() {
        return "gcn";
    }

    @Override
    String einsum() {
        return """
                A: (compressed, compressed) [%1$d, %1$d]
                X: (dense, dense) [%1$d, %2$d]
                W1: (compressed, compressed) [%2$d, %4$d]
                b1: (dense) [%4$d]
                W2: (compressed, compressed) [%4$d, %3$d]
                b2: (dense) [%3$d]
                T1: (compressed, compressed) [%1$d, %2$d]
                T2: (compressed, compressed) [%1$d, %4$d]
                T3: (compressed, compressed) [%1$d, %4$d]
                Hd: (dense, compressed) [%1$d, %4$d]
                T4: (compressed, compressed) [%1$d, %4$d]
                T5: (compressed, compressed) [%1$d, %3$d]
                Z: (compressed, compressed) [%1$d, %3$d]
                m: (compressed) [%1$d]
                E: (compressed, compressed) [%1$d, %3$d]
                s: (compressed) [%1$d]
                P: (compressed, compressed) [%1$d, %3$d]
                T1(i,f) = A(i,j) * X(j,f)
                T2(i,h) = T1(i,f) * W1(f,h)
                T3(i,h) = T2(i,h) + b1(h)
                Hd(i,h) = relu(T3(i,h))
                T4(i,h) = A(i,n) * Hd(n,h)
                T5(i,c) = T4(i,h) * W2(h,c)
                Z(i,c) = T5(i,c) + b2(c)
                m(i) = max_c(Z(i,c))
                E(i,c) = exp(Z(i,c) - m(i))
                s(i) = sum_c(E(i,c))
                P(i,c) = E(i,c) / s(i)
                """;
    }

    @Override
    public Map<String, Schedule> presets(Program program) {
        Map<String, Schedule> presets = new LinkedHashMap<>();
        presets.put("unfused", Schedule.parse("groups=0,1,2,3,4,5,6,7-10", ASSIGNMENTS));
        presets.put("partial", Schedule.parse("groups=0-3,4-10", ASSIGNMENTS));
        presets.put("full", Schedule.full(ASSIGNMENTS));
        return presets;
    }

    @Override
    public int paperStep(int assignment) {
        return Math.min(assignment, SOFTMAX_START) + 1;
    }

    @Override
    public Map<String, InputSource> inputs() {
        return GnnWeights.withGraph(Map.of(
                "W1", GnnWeights.LAYER1, "b1", GnnWeights.BIAS,
                "W2", GnnWeights.LAYER2, "b2", GnnWeights.BIAS));
    }
}
