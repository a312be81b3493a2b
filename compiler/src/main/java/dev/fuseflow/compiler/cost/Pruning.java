package dev.fuseflow.compiler.cost;

import java.util.ArrayList;
import java.util.List;

/**
 * The FLOP/byte heuristic's pruning rule: a candidate schedule survives when its estimated cycles are
 * within {@code margin} of the best estimate (survivors ≤ (1 + margin) · best), so only those are simulated.
 */
public final class Pruning {
    private Pruning() {
    }

    /** A schedule (or any configuration) with its static estimate. */
    public record Candidate<T>(T key, CostEstimate estimate) {
    }

    /** The candidates worth simulating, in their given order. */
    public static <T> List<Candidate<T>> survivors(List<Candidate<T>> candidates, double margin) {
        if (!(margin >= 0)) {
            throw new IllegalArgumentException("the pruning margin must be >= 0, not " + margin);
        }
        double best = candidates.stream().mapToDouble(c -> c.estimate().cycles()).min().orElse(0);
        List<Candidate<T>> kept = new ArrayList<>();
        for (Candidate<T> candidate : candidates) {
            if (candidate.estimate().cycles() <= (1 + margin) * best) {
                kept.add(candidate);
            }
        }
        return kept;
    }
}
