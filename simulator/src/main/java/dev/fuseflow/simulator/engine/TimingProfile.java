package dev.fuseflow.simulator.engine;

import java.util.List;

/**
 * The timing profiles of ARCHITECTURE.md §3.2: {@code comal} (per-primitive Comal rules, unbounded FIFOs,
 * so channel sizes are only a scheduling aid) and {@code bounded} (the same rules with finite FIFOs and
 * DAM's back-pressure, so a full channel blocks its producer and a real deadlock is reported).
 */
public enum TimingProfile {
    COMAL, BOUNDED;

    public static final List<String> ACCEPTED = List.of("comal", "bounded");

    /** Parses {@code comal} or {@code bounded}; anything else throws with one sentence. */
    public static TimingProfile parse(String text) {
        return switch (text.trim()) {
            case "comal" -> COMAL;
            case "bounded" -> BOUNDED;
            default -> throw new IllegalArgumentException("unknown timing profile '" + text + "' (accepted: comal, bounded)");
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase();
    }
}
