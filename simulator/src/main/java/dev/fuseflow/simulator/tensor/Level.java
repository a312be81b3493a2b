package dev.fuseflow.simulator.tensor;

/** One level of a fibertree tensor; the level at depth k stores the mode {@code modeOrder[k]}. */
public sealed interface Level permits DenseLevel, CompressedLevel {

    LevelFormat format();

    /** The number of positions at this level (the references its children receive). */
    int positions();
}
