package dev.fuseflow.datasets.graph;

/**
 * Expected degrees that follow a continuous power law {@code p(x) ∝ x^-γ} truncated to {@code [min, max]},
 * with the exponent fitted so that the law's mean equals a graph's average degree. The weights are the law's
 * quantiles at {@code (i + ½)/n}, so they involve no randomness and the fit is the same on every run.
 *
 * <p>Why this fit: the published statistics of the paper's graphs are the node and edge counts, which fix
 * the mean degree exactly; the minimum expected degree is taken as 1 (every paper in a citation graph cites
 * or is cited) and the maximum as √(sum of degrees), the largest weight for which Chung–Lu edge
 * probabilities {@code w_u·w_v / Σw} stay at most 1. The exponent is then the one value that matches the
 * mean.
 */
public record PowerLawDegrees(double exponent, double min, double max, double mean) {

    /** Exponents above this make the law indistinguishable from "every degree equals min". */
    private static final double STEEPEST = 40;

    /** Fits the exponent for the given mean on {@code [min, max]} (needs {@code min < mean < max}). */
    public static PowerLawDegrees fit(double mean, double min, double max) {
        if (!(min < mean && mean < max)) {
            throw new IllegalArgumentException("mean " + mean + " must lie strictly inside [" + min + ", " + max + "]");
        }
        double low = 0;
        double high = STEEPEST;
        if (mean >= meanOf(low, min, max)) {
            return new PowerLawDegrees(0, min, max, mean);
        }
        for (int step = 0; step < 200; step++) {
            double mid = (low + high) / 2;
            if (meanOf(mid, min, max) > mean) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return new PowerLawDegrees((low + high) / 2, min, max, mean);
    }

    /** The standard fit for a graph of {@code nodes} nodes whose degrees sum to {@code degreeSum}. */
    public static PowerLawDegrees forGraph(int nodes, long degreeSum) {
        double mean = (double) degreeSum / nodes;
        double max = Math.min(nodes - 1, Math.sqrt(degreeSum));
        double min = Math.min(1, mean / 2);
        return fit(mean, min, max);
    }

    /** The mean of the truncated law with exponent {@code gamma}. */
    public static double meanOf(double gamma, double min, double max) {
        return integral(1 - gamma, min, max) / integral(-gamma, min, max);
    }

    /** ∫ x^p dx over [a, b]. */
    private static double integral(double p, double a, double b) {
        if (Math.abs(p + 1) < 1e-9) {
            return Math.log(b / a);
        }
        return (Math.pow(b, p + 1) - Math.pow(a, p + 1)) / (p + 1);
    }

    /** The law's value at cumulative probability {@code u} in [0, 1]. */
    public double quantile(double u) {
        double q = 1 - exponent;
        if (Math.abs(q) < 1e-9) {
            return min * Math.pow(max / min, u);
        }
        double lowPow = Math.pow(min, q);
        return Math.pow(lowPow + u * (Math.pow(max, q) - lowPow), 1 / q);
    }

    /** {@code n} weights, largest first: the quantiles at {@code 1 - (i + ½)/n}. */
    public double[] weights(int n) {
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            weights[i] = quantile(1 - (i + 0.5) / n);
        }
        return weights;
    }
}
