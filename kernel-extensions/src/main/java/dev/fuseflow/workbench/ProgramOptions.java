package dev.fuseflow.workbench;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options that choose what to compile: model, fusion schedule, order, parallelization, blocking. */
public final class ProgramOptions {

    @Option(names = "--model", required = true, paramLabel = "M",
            description = "zoo:spmm, an .mlir file, an einsum file or einsum:'<program>'")
    public String model;

    @Option(names = "--fusion", paramLabel = "F", defaultValue = "unfused",
            description = "unfused, partial, full or groups=0-3,4-7 (default: ${DEFAULT-VALUE})")
    public String fusion;

    @Option(names = "--order", paramLabel = "O", defaultValue = "auto",
            description = "dataflow order by index letters (ikj), #k (k-th valid order), first (the original compiler's choice) or auto (the cost model's cheapest; default), per group as g0:ikj,g1:auto")
    public String order;

    @Option(names = "--mode-order", paramLabel = "T=1,0", description = "store tensor T in another mode order")
    public List<String> modeOrders = new ArrayList<>();

    @Option(names = "--par", paramLabel = "V:K", description = "parallelize below index variable V with K lanes")
    public String par;

    @Option(names = "--values", paramLabel = "MODE", defaultValue = "scalar",
            description = "scalar, block-timing or true-block (default: ${DEFAULT-VALUE})")
    public String values;

    @Option(names = "--block", paramLabel = "B", description = "block size for --values block-timing|true-block")
    public Integer block;
}
