package dev.fuseflow.workbench;

import dev.fuseflow.compiler.frontend.mlir.ShapeBinding;
import dev.fuseflow.diagnostics.UserError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --dataset generated[:density=0.1,seed=1,dynamic=16,arg1.0=64,...]}: random data for a program's own
 * declared shapes and formats. {@code --scale} multiplies every declared size (floor 4); {@code dynamic} sizes the
 * {@code ?} dimensions nothing binds; a key naming a dimension ({@code arg1.0}, see the MLIR front end's dimension
 * names) binds it, which for a static size is reported as a warning.
 */
record GeneratedDataset(String spec, double density, long seed, int dynamicSize, Map<String, Integer> dims) {
    static final String NAME = "generated";
    static final int DEFAULT_DYNAMIC_SIZE = 16;
    private static final List<String> KEYS = List.of("density=0.1", "seed=1", "dynamic=16", "<tensor>.<dim>=N");

    static boolean names(String spec) {
        return spec.equals(NAME) || spec.startsWith(NAME + ":");
    }

    static GeneratedDataset parse(String spec, long defaultSeed) {
        double density = 0.1;
        long seed = defaultSeed;
        int dynamic = DEFAULT_DYNAMIC_SIZE;
        Map<String, Integer> dims = new LinkedHashMap<>();
        String params = spec.length() > NAME.length() ? spec.substring(NAME.length() + 1) : "";
        for (String pair : params.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw UserError.of("dataset parameter '" + pair + "' is not key=value", KEYS);
            }
            String key = pair.substring(0, eq).trim();
            String value = pair.substring(eq + 1).trim();
            switch (key) {
                case "density" -> {
                    density = number(key, value);
                    if (!(density > 0 && density <= 1)) {
                        throw UserError.of("density " + value + " of dataset 'generated' is outside 0 < density <= 1");
                    }
                }
                case "seed" -> seed = positive(key, value);
                case "dynamic" -> dynamic = positive(key, value);
                default -> {
                    if (!key.matches(".+\\.\\d+")) {
                        throw UserError.of("unknown parameter '" + key + "' for dataset 'generated'", KEYS);
                    }
                    dims.put(key, positive(key, value));
                }
            }
        }
        return new GeneratedDataset(spec, density, seed, dynamic, dims);
    }

    ShapeBinding binding(double scale) {
        return new ShapeBinding(dims, scale, dynamicSize);
    }

    private static double number(String key, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw UserError.of("dataset parameter " + key + "=" + value + " is not a number");
        }
    }

    private static int positive(String key, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw UserError.of("dataset parameter " + key + "=" + value + " is not a positive integer");
    }
}
