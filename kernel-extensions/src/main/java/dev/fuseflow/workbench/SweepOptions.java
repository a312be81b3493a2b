package dev.fuseflow.workbench;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options of {@code sweep} and {@code compare}: the words of {@code simulate}, each taking a comma list (or
 * repeated), whose cross product is the grid. See {@link ListOption} for items that contain commas.
 */
final class SweepOptions {

    @Option(names = "--model", required = true, paramLabel = "M[,M2]",
            description = "models: zoo:NAME, FILE.mlir or chained A.mlir,B.mlir (repeat --model for several MLIR models)")
    List<String> models = new ArrayList<>();

    @Option(names = "--dataset", required = true, paramLabel = "D[,D2]",
            description = "datasets, as for simulate (synthetic:rows=..,cols=.. stays one item; repeat --dataset too)")
    List<String> datasets = new ArrayList<>();

    @Option(names = "--scale", paramLabel = "S", defaultValue = "1",
            description = "shrink every dataset, 0 < S <= 1 (default: ${DEFAULT-VALUE})")
    double scale;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "seed for generated data and weights (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--fusion", paramLabel = "F[,F2]",
            description = "fusions: unfused, partial, full, groups=0-1,2, presets (every preset of the model) or "
                    + "all-partitions (every contiguous partition of the assignments)")
    List<String> fusions = new ArrayList<>();

    @Option(names = "--order", paramLabel = "O[,O2]",
            description = "dataflow orders: auto, letters (ikj), #k, per group g0:ikj,g1:auto, or all (every valid "
                    + "order of every group) (default: auto)")
    List<String> orders = new ArrayList<>();

    @Option(names = "--mode-order", paramLabel = "T=1,0", description = "store tensor T in another mode order (every model)")
    List<String> modeOrders = new ArrayList<>();

    @Option(names = "--par", paramLabel = "V:K[,V:K2]",
            description = "parallelizations: V:K each, none, or several levels joined by + (i:2+j:2) (default: none)")
    List<String> pars = new ArrayList<>();

    @Option(names = "--values", paramLabel = "MODE[,MODE2]",
            description = "value modes: scalar, block-timing (default: scalar, or block-timing when --block is given)")
    List<String> values = new ArrayList<>();

    @Option(names = "--block", paramLabel = "B[,B2]", description = "block sizes for the block value modes (16, 32, 64)")
    List<String> blocks = new ArrayList<>();

    @Option(names = "--timing", paramLabel = "P[,P2]", description = "timing profiles: comal, bounded (default: comal)")
    List<String> timings = new ArrayList<>();

    @Option(names = "--fifo", paramLabel = "N", description = "FIFO depth of the bounded profile's rows (default 1024)")
    Integer fifo;

    @Option(names = "--memory", paramLabel = "M[,M2]",
            description = "memory models: none, comal-hbm, bandwidth[:bytes_per_cycle=32,latency=20,request=32] "
                    + "(default: none)")
    List<String> memories = new ArrayList<>();

    @Option(names = "--decoders", paramLabel = "N",
            description = "decoders in the GPT-3 total of the zoo:gpt3-bigbird rows (composed, as simulate does)")
    Integer decoders;

    @Option(names = "--threads", paramLabel = "N",
            description = "configurations simulated at once (default: the available processors)")
    Integer threads;

    @Option(names = "--max-configs", paramLabel = "N", defaultValue = "10000",
            description = "refuse grids larger than this (default: ${DEFAULT-VALUE})")
    int maxConfigs;

    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "where results are cached (default: $FUSEFLOW_CACHE/results or ~/.cache/fuseflow/results)")
    String cacheDir;

    @Option(names = "--no-cache", description = "neither read nor write cached results")
    boolean noCache;

    @Option(names = "--refresh", description = "simulate every configuration again and replace its cached result")
    boolean refresh;

    @Option(names = "--resume",
            description = "continue an interrupted sweep from its cached results (what every run does unless "
                    + "--no-cache or --refresh is given; saying it makes scripts explicit)")
    boolean resume;

    @Option(names = "--estimate", description = "add the static cost model's estimated_cycles, estimated_flops and "
            + "estimated_memory_accesses to every row (compiler/docs/cost-model.md)")
    boolean estimate;

    @Option(names = "--prune", paramLabel = "MARGIN",
            description = "simulate only configurations whose estimated cycles are within (1 + MARGIN) of the best "
                    + "estimate among those differing only in fusion and order; the others are rows marked pruned "
                    + "(implies --estimate)")
    Double prune;

    @Option(names = "--json", description = "print the rows as a JSON array")
    boolean json;

    @Option(names = "--csv", description = "print the rows as CSV")
    boolean csv;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "also write the rows to FILE: CSV for .csv, otherwise JSON (never over an existing file)")
    String output;
}
