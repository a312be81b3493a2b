package dev.fuseflow.datasets;

import dev.fuseflow.diagnostics.UserError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Resolves {@code --dataset} specs ({@code name[:key=value,...]}) to datasets. Every problem is a
 * {@link UserError} naming the word at fault and what is accepted.
 */
public final class DatasetRegistry {
    /** Dataset names this build can produce. */
    public static final List<String> NAMES = List.of("synthetic");
    private static final Set<String> SYNTHETIC_KEYS = Set.of("rows", "cols", "density", "features", "seed");

    private DatasetRegistry() {
    }

    /**
     * @param scale shrinks rows and columns (0 &lt; scale ≤ 1); density and features are kept
     * @param seed  used unless the spec names its own seed
     */
    public static Dataset resolve(String spec, double scale, long seed) {
        if (!(scale > 0 && scale <= 1)) {
            throw UserError.of("scale " + scale + " is outside 0 < S <= 1");
        }
        String name = spec.contains(":") ? spec.substring(0, spec.indexOf(':')) : spec;
        Map<String, String> params = parameters(spec, name);
        if (!name.equals("synthetic")) {
            throw UserError.of("unknown dataset '" + name + "'", List.of(
                    "synthetic:rows=..,cols=..,density=..,features=..,seed=.."));
        }
        for (String key : params.keySet()) {
            if (!SYNTHETIC_KEYS.contains(key)) {
                throw UserError.of("unknown parameter '" + key + "' for dataset 'synthetic'", List.copyOf(
                        new java.util.TreeSet<>(SYNTHETIC_KEYS)));
            }
        }
        int rows = scaled(intParam(params, "rows", 1000), scale);
        int cols = scaled(intParam(params, "cols", rows), scale);
        double density = doubleParam(params, "density", 0.01);
        if (!(density > 0 && density <= 1)) {
            throw UserError.of("density " + density + " of dataset 'synthetic' is outside 0 < density <= 1");
        }
        int features = intParam(params, "features", 16);
        long ownSeed = params.containsKey("seed") ? intParam(params, "seed", 1) : seed;
        return new SyntheticDataset(spec, rows, cols, density, features, ownSeed);
    }

    private static int scaled(int n, double scale) {
        return Math.max(4, (int) Math.round(n * scale));
    }

    private static Map<String, String> parameters(String spec, String name) {
        Map<String, String> params = new LinkedHashMap<>();
        if (!spec.contains(":")) {
            return params;
        }
        for (String pair : spec.substring(name.length() + 1).split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw UserError.of("dataset parameter '" + pair + "' is not key=value");
            }
            params.put(pair.substring(0, eq).trim().toLowerCase(Locale.ROOT), pair.substring(eq + 1).trim());
        }
        return params;
    }

    private static int intParam(Map<String, String> params, String key, int fallback) {
        String text = params.get(key);
        if (text == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text);
            if (value <= 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw UserError.of("dataset parameter " + key + "=" + text + " is not a positive integer");
        }
    }

    private static double doubleParam(Map<String, String> params, String key, double fallback) {
        String text = params.get(key);
        if (text == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw UserError.of("dataset parameter " + key + "=" + text + " is not a number");
        }
    }
}
