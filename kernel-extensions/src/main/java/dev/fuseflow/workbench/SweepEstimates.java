package dev.fuseflow.workbench;

import dev.fuseflow.compiler.CompiledProgram;
import dev.fuseflow.compiler.cost.CostEstimate;
import dev.fuseflow.compiler.cost.CostModel;
import dev.fuseflow.diagnostics.UserError;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The static cost model over a sweep's grid (compiler/docs/cost-model.md): each runnable configuration's
 * estimate, computed from its own bound inputs before anything is simulated, and with a margin the pruning
 * rule: among configurations that differ only in fusion and order, those estimated slower than (1 + margin)
 * times the best are not simulated. Parallel lanes, block modes and memory models are not modelled, so they
 * only ever compete with themselves.
 */
final class SweepEstimates {
    /** Coordinates a pruning group ignores: the schedule choices being compared. */
    private static final Set<String> COMPARED = Set.of("fusion", "schedule", "order");

    private final Map<Integer, CostEstimate> estimates = new HashMap<>();
    private final Set<Integer> pruned = new HashSet<>();

    /** The estimates of {@code points}, compiling each with a {@link SweepPrograms} of its own. */
    SweepEstimates(List<SweepPoint> points, Double margin) {
        this(points, margin, new SweepPrograms());
    }

    /**
     * The estimates of {@code points}, each compiled by {@code programs}, which keeps the programs for the
     * sweep's runs.
     */
    SweepEstimates(List<SweepPoint> points, Double margin, SweepPrograms programs) {
        Map<String, Double> best = new LinkedHashMap<>();
        Map<Integer, String> groupOf = new HashMap<>();
        for (int i = 0; i < points.size(); i++) {
            SweepPoint point = points.get(i);
            if (!point.runnable()) {
                continue;
            }
            java.util.Optional<CostEstimate> found = estimate(i, point, programs);
            if (found.isEmpty()) {
                continue; // it cannot compile; the run reports why in its row
            }
            CostEstimate estimate = found.get();
            estimates.put(i, estimate);
            String group = group(point.coordinates());
            groupOf.put(i, group);
            best.merge(group, estimate.cycles(), Math::min);
        }
        if (margin != null) {
            for (var entry : groupOf.entrySet()) {
                if (estimates.get(entry.getKey()).cycles() > (1 + margin) * best.get(entry.getValue())) {
                    pruned.add(entry.getKey());
                }
            }
        }
    }

    /**
     * The cost model's estimate of the runnable configuration at {@code index} from its own inputs; empty when it
     * cannot compile. {@code programs} compiles it and keeps the program for its run.
     */
    static java.util.Optional<CostEstimate> estimate(int index, SweepPoint point, SweepPrograms programs) {
        try {
            ResolvedModel resolved = point.bound().resolved();
            CompiledProgram compiled = programs.forEstimate(index, point);
            return java.util.Optional.of(CostModel.measured(resolved.program, point.bound().inputs())
                    .estimateCompiled(compiled));
        } catch (UserError e) {
            return java.util.Optional.empty();
        }
    }

    /** The estimated cycles of a configuration, or empty when it has no estimate. */
    java.util.Optional<Double> cycles(int index) {
        CostEstimate estimate = estimates.get(index);
        return estimate == null ? java.util.Optional.empty() : java.util.Optional.of(estimate.cycles());
    }

    private static String group(Map<String, Object> coordinates) {
        StringBuilder key = new StringBuilder();
        coordinates.forEach((name, value) -> {
            if (!COMPARED.contains(name)) {
                key.append(name).append('=').append(value).append('\n');
            }
        });
        return key.toString();
    }

    /** Writes the point's estimate and whether it was pruned into its row. */
    void fill(int index, SweepRow row) {
        CostEstimate estimate = estimates.get(index);
        if (estimate != null) {
            row.set("estimated_cycles", estimate.cycles());
            row.set("estimated_flops", estimate.flops());
            row.set("estimated_memory_accesses", estimate.memoryAccesses());
        }
        row.set("pruned", pruned.contains(index));
    }

    boolean pruned(int index) {
        return pruned.contains(index);
    }
}
