package dev.fuseflow.compiler.run;

import dev.fuseflow.compiler.reference.Verification;
import dev.fuseflow.simulator.stats.Statistics;
import java.util.List;

/**
 * A whole program run: totals over the groups (cycles add up, as in the paper), each group's result, and
 * the verification of every assigned tensor against the reference evaluator.
 */
public record RunResult(Statistics total, List<GroupResult> groups, List<Verification> verifications,
        double wallMillis) {

    public boolean verified() {
        return verifications.stream().allMatch(Verification::verified);
    }

    public double maxRelError() {
        return verifications.stream().mapToDouble(Verification::maxRelError).max().orElse(0);
    }
}
