package dev.fuseflow.simulator.tensor;

/**
 * A dense level of {@code size} coordinates below each of {@code parentPositions} parents; the child
 * reference of coordinate {@code c} in fiber {@code p} is {@code p * size + c}.
 */
public record DenseLevel(int size, int parentPositions) implements Level {

    @Override
    public LevelFormat format() {
        return LevelFormat.DENSE;
    }

    @Override
    public int positions() {
        return Math.multiplyExact(size, parentPositions);
    }
}
