package dev.fuseflow.compiler.ir;

import java.util.Locale;

/** How a {@link Reduction} combines the stored entries of a fiber. */
public enum ReduceFunction {
    SUM, MAX;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
