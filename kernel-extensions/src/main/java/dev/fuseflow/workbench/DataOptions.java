package dev.fuseflow.workbench;

import picocli.CommandLine.Option;

/** The options that choose the data a program runs on. */
public final class DataOptions {

    @Option(names = "--dataset", required = true, paramLabel = "D",
            description = "a registered dataset (cora, cora_ml, dblp, collab, mag, karate, imagenet, nih_cxr, luna16, "
                    + "bigbird:block=16|32|64; see the datasets command), synthetic:rows=..,cols=..,density=..,"
                    + "features=..,seed=.., or the path of a .mtx, edge-list, .npy/.npz file or Comal tensor directory")
    public String dataset;

    @Option(names = "--scale", paramLabel = "S", defaultValue = "1",
            description = "shrink the dataset, 0 < S <= 1 (default: ${DEFAULT-VALUE})")
    public double scale;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "seed for generated data and weights (default: ${DEFAULT-VALUE})")
    public long seed;
}
