package dev.fuseflow.datasets;

import dev.fuseflow.diagnostics.UserError;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * A parsed {@code --dataset} spec, {@code name[:key=value,...]}. Parameter getters turn a bad value into a
 * {@link UserError} naming the parameter and what it accepts.
 */
public record DatasetSpec(String text, String name, Map<String, String> params) {

    public DatasetSpec {
        params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    public static DatasetSpec parse(String text) {
        int colon = text.indexOf(':');
        String name = (colon < 0 ? text : text.substring(0, colon)).trim();
        return new DatasetSpec(text, name, colon < 0 ? Map.of() : parseParams(text.substring(colon + 1)));
    }

    /** {@code key=value,...}; keys are case-insensitive. */
    public static Map<String, String> parseParams(String text) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw UserError.of("dataset parameter '" + pair.trim() + "' is not key=value");
            }
            params.put(pair.substring(0, eq).trim().toLowerCase(Locale.ROOT), pair.substring(eq + 1).trim());
        }
        return params;
    }

    /** Rejects any parameter outside {@code accepted}. */
    public void checkKeys(Collection<String> accepted) {
        for (String key : params.keySet()) {
            if (!accepted.contains(key)) {
                List<String> names = List.copyOf(new TreeSet<>(accepted));
                throw UserError.of("unknown parameter '" + key + "' for dataset '" + name + "'",
                        names.isEmpty() ? List.of("no parameters") : names);
            }
        }
    }

    public boolean has(String key) {
        return params.containsKey(key);
    }

    public int positiveInt(String key, int fallback) {
        String value = params.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw UserError.of("dataset parameter " + key + "=" + value + " is not a positive integer");
    }

    public long seed(long fallback) {
        String value = params.get("seed");
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw UserError.of("dataset parameter seed=" + value + " is not an integer");
        }
    }

    public double number(String key, double fallback) {
        String value = params.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw UserError.of("dataset parameter " + key + "=" + value + " is not a number");
        }
    }

    public boolean flag(String key, boolean fallback) {
        String value = params.get(key);
        if (value == null) {
            return fallback;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw UserError.of("dataset parameter " + key + "=" + value + " is not true or false");
        };
    }

    public String string(String key, String fallback) {
        return params.getOrDefault(key, fallback);
    }
}
