package dev.fuseflow.compiler.schedule;

import dev.fuseflow.diagnostics.UserError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How many lanes the region below each named index variable is split into ({@code --par i:4,j:2}). Levels
 * nest: with {@code i:4,j:2} each of the 4 lanes below i splits again below j, 8 lanes in all.
 */
public record Parallelization(Map<String, Integer> lanes) {
    /** Lanes beyond this are refused: each lane is a full copy of the region's primitives. */
    public static final int MAX_LANES = 256;

    public static final Parallelization NONE = new Parallelization(Map.of());

    public Parallelization {
        lanes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(lanes));
    }

    /** Parses {@code V:K[,V2:K2]}; blank or null means no parallelization. */
    public static Parallelization parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        Map<String, Integer> lanes = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            String[] words = part.trim().split(":");
            int factor = -1;
            if (words.length == 2 && words[0].trim().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                try {
                    factor = Integer.parseInt(words[1].trim());
                } catch (NumberFormatException e) {
                    factor = -1;
                }
            }
            if (factor < 1 || factor > MAX_LANES) {
                throw UserError.of("parallelization '" + part.trim() + "' is not V:K with an index variable V and "
                        + "1 <= K <= " + MAX_LANES, List.of("i:4", "i:4,j:2"));
            }
            if (lanes.put(words[0].trim(), factor) != null) {
                throw UserError.of("parallelization names variable '" + words[0].trim() + "' twice");
            }
        }
        return new Parallelization(lanes);
    }

    /** Total lanes: the product of every level's factor. */
    public int totalLanes() {
        return lanes.values().stream().reduce(1, (a, b) -> a * b);
    }

    @Override
    public String toString() {
        return lanes.isEmpty() ? "none"
                : lanes.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(","));
    }
}
