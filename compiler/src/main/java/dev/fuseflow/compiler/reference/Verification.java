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
        ReferenceTensor sim = ReferenceTensor.of(simulated);
        long[] refKeys = reference.keys();
        long[] simKeys = sim.keys();
        double worst = 0;
        String problem = "";
        int r = 0;
        int s = 0;
        while (r < refKeys.length || s < simKeys.length) {
            long key = Math.min(r < refKeys.length ? refKeys[r] : Long.MAX_VALUE,
                    s < simKeys.length ? simKeys[s] : Long.MAX_VALUE);
            boolean inRef = r < refKeys.length && refKeys[r] == key;
            boolean inSim = s < simKeys.length && simKeys[s] == key;
            if (inRef != inSim) {
                double only = inSim ? sim.values()[s] : reference.values()[r];
                if (inSim) {
                    s++;
                } else {
                    r++;
                }
                if (Math.abs(only) <= ATOL) {
                    continue;
                }
                return new Verification(reference.name(), false, Double.POSITIVE_INFINITY, "entry "
                        + Arrays.toString(reference.coordinates(key)) + " is " + (inSim ? "stored" : "missing")
                        + " in the simulation but " + (inRef ? "stored" : "not stored") + " in the reference, with value "
                        + only);
            }
            double value = sim.values()[s++];
            double expected = reference.values()[r];
            double bound = ATOL + RTOL * reference.magnitude()[r++];
            double ratio = Math.abs(value - expected) / bound;
            if (Double.isNaN(ratio)) {
                ratio = Double.POSITIVE_INFINITY;
            }
            if (ratio > worst) {
                worst = ratio;
                if (ratio > 1) {
                    problem = "entry " + Arrays.toString(reference.coordinates(key)) + ": simulated " + value
                            + ", reference " + expected;
                }
            }
        }
        return new Verification(reference.name(), worst <= 1, worst, problem);
    }
}
