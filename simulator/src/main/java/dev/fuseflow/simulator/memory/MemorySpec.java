package dev.fuseflow.simulator.memory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed {@code --memory} value: {@code none}, {@code comal-hbm} or
 * {@code bandwidth[:bytes_per_cycle=B,latency=L,request=R]} (defaults 32 bytes per cycle, latency 20 cycles,
 * 32-byte requests). {@link #create()} makes a fresh model per simulated graph, since a model holds state.
 */
public record MemorySpec(Kind kind, double bytesPerCycle, long latency, int requestBytes) {

    public static final MemorySpec NONE = new MemorySpec(Kind.NONE, 0, 0, 0);
    public static final MemorySpec COMAL_HBM = new MemorySpec(Kind.COMAL_HBM, 0, 0, 0);
    public static final double DEFAULT_BYTES_PER_CYCLE = 32;
    public static final long DEFAULT_LATENCY = 20;
    public static final int DEFAULT_REQUEST = 32;

    /** The forms {@link #parse} accepts, for error messages. */
    public static final List<String> ACCEPTED = List.of("none", "comal-hbm",
            "bandwidth[:bytes_per_cycle=32,latency=20,request=32]");

    /** The memory models. */
    public enum Kind {
        NONE, COMAL_HBM, BANDWIDTH
    }

    public static MemorySpec bandwidth(double bytesPerCycle, long latency, int requestBytes) {
        return new MemorySpec(Kind.BANDWIDTH, bytesPerCycle, latency, requestBytes);
    }

    /** Parses a {@code --memory} value; a bad one throws {@link IllegalArgumentException} with one sentence. */
    public static MemorySpec parse(String text) {
        String spec = text.trim();
        if (spec.equals("none")) {
            return NONE;
        }
        if (spec.equals("comal-hbm")) {
            return COMAL_HBM;
        }
        if (!spec.equals("bandwidth") && !spec.startsWith("bandwidth:")) {
            throw new IllegalArgumentException("unknown memory model '" + text + "' (accepted: " + String.join(", ", ACCEPTED)
                    + ")");
        }
        Map<String, String> params = new LinkedHashMap<>();
        if (spec.startsWith("bandwidth:")) {
            for (String pair : spec.substring("bandwidth:".length()).split(",")) {
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair.trim() : pair.substring(0, eq).trim();
                if (eq < 0 || !List.of("bytes_per_cycle", "latency", "request").contains(key)) {
                    throw new IllegalArgumentException("memory model '" + text + "' has a bad parameter '" + pair
                            + "' (accepted: bytes_per_cycle=B, latency=L, request=R)");
                }
                params.put(key, pair.substring(eq + 1).trim());
            }
        }
        try {
            double bandwidth = Double.parseDouble(params.getOrDefault("bytes_per_cycle", number(DEFAULT_BYTES_PER_CYCLE)));
            long latency = Long.parseLong(params.getOrDefault("latency", Long.toString(DEFAULT_LATENCY)));
            int request = Integer.parseInt(params.getOrDefault("request", Integer.toString(DEFAULT_REQUEST)));
            if (!(bandwidth > 0) || Double.isInfinite(bandwidth) || latency < 0 || request < 1) {
                throw new NumberFormatException();
            }
            return bandwidth(bandwidth, latency, request);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("memory model '" + text + "' needs bytes_per_cycle > 0, an integer "
                    + "latency >= 0 and an integer request >= 1 (bytes)");
        }
    }

    /** A fresh model, or null for {@code none}. */
    public MemoryModel create() {
        return switch (kind) {
            case NONE -> null;
            case COMAL_HBM -> new ComalHbm();
            case BANDWIDTH -> new BandwidthMemory(bytesPerCycle, latency, requestBytes);
        };
    }

    @Override
    public String toString() {
        return switch (kind) {
            case NONE -> "none";
            case COMAL_HBM -> "comal-hbm";
            case BANDWIDTH -> "bandwidth:bytes_per_cycle=" + number(bytesPerCycle) + ",latency=" + latency + ",request="
                    + requestBytes;
        };
    }

    static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
