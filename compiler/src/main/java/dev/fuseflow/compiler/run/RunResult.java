package dev.fuseflow.compiler.run;

import dev.fuseflow.compiler.reference.Verification;
import dev.fuseflow.simulator.stats.Statistics;
import java.util.List;

/**
 * A whole program run: totals over the groups (cycles add up, as in the paper), each group's result, and
 * the verification of every assigned tensor against the reference evaluator — or why it was skipped.
 *
 * @param verificationSkipped null when the outputs were checked; otherwise the sentence saying why not
 *                            (the CPU reference would not fit in memory)
 */
public record RunResult(Statistics total, List<GroupResult> groups, List<Verification> verifications,
        double wallMillis, String verificationSkipped) {

    public RunResult(Statistics total, List<GroupResult> groups, List<Verification> verifications, double wallMillis) {
        this(total, groups, verifications, wallMillis, null);
    }

    /**
     * At least one output checked, and every checked output equal to the reference; false when the check was
     * skipped or nothing was compared (a run that wrote no tensor the reference knows proves nothing).
     */
    public boolean verified() {
        return verificationSkipped == null && !verifications.isEmpty()
                && verifications.stream().allMatch(Verification::verified);
    }

    public boolean checked() {
        return verificationSkipped == null;
    }

    public double maxRelError() {
        return verifications.stream().mapToDouble(Verification::maxRelError).max().orElse(0);
    }
}
