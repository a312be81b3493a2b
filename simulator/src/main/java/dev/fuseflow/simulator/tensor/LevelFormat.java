package dev.fuseflow.simulator.tensor;

import java.util.Locale;

/** How one level of a fibertree stores its coordinates (sam-streams-and-primitives.md §2). */
public enum LevelFormat {
    /** Every coordinate {@code 0..size-1} is present; no arrays are stored. */
    DENSE,
    /** Only stored coordinates are present, in {@code seg}/{@code crd} arrays. */
    COMPRESSED;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
