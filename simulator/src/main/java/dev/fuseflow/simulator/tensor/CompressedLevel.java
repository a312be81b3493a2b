package dev.fuseflow.simulator.tensor;

/**
 * A compressed level: fiber {@code f} is {@code crd[seg[f] .. seg[f+1])}, and the position of a
 * coordinate in {@code crd} is the reference its child fiber is found by.
 */
public record CompressedLevel(int[] seg, int[] crd) implements Level {

    @Override
    public LevelFormat format() {
        return LevelFormat.COMPRESSED;
    }

    @Override
    public int positions() {
        return crd.length;
    }
}
