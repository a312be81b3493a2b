package dev.fuseflow.compiler.zoo;

import dev.fuseflow.compiler.ir.Program;
import dev.fuseflow.compiler.schedule.Schedule;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code zoo:graphsage}: the paper's two-layer GraphSAGE with the sum aggregator, each layer
 * {@code relu((h·Ws + bs) + ((A·h)·Wn + bn))} with hidden size 16 (paper-results.md §2.1 GraphSAGE, §2.1.1
 * steps 1–14, one assignment per step). The partial preset fuses each layer, as the paper intends; the
 * artifact's partial runs layer 1 twice (compiler/DEVIATIONS.md).
 */
public final class GraphSageModel extends GnnModel {
    private static final int ASSIGNMENTS = 14;

    @Override
    public String name() {
        return "graphsage";
    }

    @Override
    String einsum() {
        return """
                A: (compressed, compressed) [%1$d, %1$d]
                X: (dense, dense) [%1$d, %2$d]
                Ws1: (compressed, compressed) [%2$d, %4$d]
                bs1: (dense) [%4$d]
                Wn1: (compressed, compressed) [%2$d, %4$d]
                bn1: (dense) [%4$d]
                Ws2: (compressed, compressed) [%4$d, %3$d]
                bs2: (dense) [%3$d]
                Wn2: (compressed, compressed) [%4$d, %3$d]
                bn2: (dense) [%3$d]
                P1: (dense, compressed) [%1$d, %4$d]
                S1: (dense, compressed) [%1$d, %4$d]
                T1: (dense, compressed) [%1$d, %2$d]
                P2: (dense, compressed) [%1$d, %4$d]
                S2: (dense, compressed) [%1$d, %4$d]
                U1: (dense, compressed) [%1$d, %4$d]
                Hd: (dense, compressed) [%1$d, %4$d]
                P3: (dense, compressed) [%1$d, %3$d]
                S3: (dense, compressed) [%1$d, %3$d]
                T2: (dense, compressed) [%1$d, %4$d]
                P4: (dense, compressed) [%1$d, %3$d]
                S4: (dense, compressed) [%1$d, %3$d]
                U2: (dense, compressed) [%1$d, %3$d]
                Y: (dense, compressed) [%1$d, %3$d]
                P1(i,h) = X(i,f) * Ws1(f,h)
                S1(i,h) = P1(i,h) + bs1(h)
                T1(i,f) = A(i,j) * X(j,f)
                P2(i,h) = T1(i,f) * Wn1(f,h)
                S2(i,h) = P2(i,h) + bn1(h)
                U1(i,h) = S1(i,h) + S2(i,h)
                Hd(i,h) = relu(U1(i,h))
                P3(i,c) = Hd(i,h) * Ws2(h,c)
                S3(i,c) = P3(i,c) + bs2(c)
                T2(i,h) = A(i,n) * Hd(n,h)
                P4(i,c) = T2(i,h) * Wn2(h,c)
                S4(i,c) = P4(i,c) + bn2(c)
                U2(i,c) = S3(i,c) + S4(i,c)
                Y(i,c) = relu(U2(i,c))
                """;
    }

    @Override
    public Map<String, Schedule> presets(Program program) {
        Map<String, Schedule> presets = new LinkedHashMap<>();
        presets.put("unfused", Schedule.unfused(ASSIGNMENTS));
        presets.put("partial", Schedule.parse("groups=0-6,7-13", ASSIGNMENTS));
        presets.put("full", Schedule.full(ASSIGNMENTS));
        return presets;
    }

    @Override
    public Map<String, InputSource> inputs() {
        return GnnWeights.withGraph(Map.of(
                "Ws1", GnnWeights.LAYER1, "bs1", GnnWeights.BIAS, "Wn1", GnnWeights.LAYER1, "bn1", GnnWeights.BIAS,
                "Ws2", GnnWeights.LAYER2, "bs2", GnnWeights.BIAS, "Wn2", GnnWeights.LAYER2, "bn2", GnnWeights.BIAS));
    }
}
