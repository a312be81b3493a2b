package dev.fuseflow.compiler.reference;

import dev.fuseflow.simulator.tensor.FiberTensor;
import java.util.Arrays;

/**
 * The comparison of a simulated output with the reference (ARCHITECTURE.md §3.0): identical stored
 * patterns, and every value within {@code atol + rtol * S}. {@code maxRelError} is the worst ratio of
 * error to bound; at most 1 passes.
 *
 * <p>An entry stored on one side only passes when its value there is zero (within {@code atol}): a dense
 * level stores every coordinate, so a dense intermediate written between fusion groups carries explicit
 * zeros where the reference, which keeps patterns symbolic, stores nothing, and those zeros travel on
 * through products and sums. Any non-zero value outside the other side's pattern still fails.
 */
public record Verification(String tensor, boolean verified, double maxRelError, String problem) {

    public static final double RTOL = 1e-4;
    public static final double ATOL = 1e-6;

    public static Verification compare(ReferenceTensor reference, FiberTensor simulated) {
        if (!Arrays.equals(reference.shape(), simulated.shape())) {
            return new Verification(reference.name(), false, Double.POSITIVE_INFINITY, "shape " + Arrays.toString(
                    simulated.shape()) + " differs from the reference's " + Arrays.toString(reference.shape()));
        }
        double[] values = simulated.toDense();
        boolean[] stored = simulated.storedMask();
        double worst = 0;
        String problem = "";
        for (int i = 0; i < values.length; i++) {
            if (stored[i] != reference.stored()[i]) {
                double only = stored[i] ? values[i] : reference.values()[i];
                if (Math.abs(only) <= ATOL) {
                    continue;
                }
                return new Verification(reference.name(), false, Double.POSITIVE_INFINITY, "entry " + i + " is "
                        + (stored[i] ? "stored" : "missing") + " in the simulation but "
                        + (reference.stored()[i] ? "stored" : "not stored") + " in the reference, with value " + only);
            }
            if (!stored[i]) {
                continue;
            }
            double bound = ATOL + RTOL * reference.magnitude()[i];
            double ratio = Math.abs(values[i] - reference.values()[i]) / bound;
            if (Double.isNaN(ratio)) {
                ratio = Double.POSITIVE_INFINITY;
            }
            if (ratio > worst) {
                worst = ratio;
                if (ratio > 1) {
                    problem = "entry " + i + ": simulated " + values[i] + ", reference " + reference.values()[i];
                }
            }
        }
        return new Verification(reference.name(), worst <= 1, worst, problem);
    }
}
