package dev.fuseflow.workbench;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code simulate}: compile a model under a schedule, simulate it on a dataset, verify, report statistics. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Compile, simulate and verify a model on a dataset; print the statistics.")
final class SimulateCommand implements Callable<CommandOutput> {

    private final Workbench workbench;

    @Mixin ProgramOptions program = new ProgramOptions();
    @Mixin DataOptions data = new DataOptions();

    @Option(names = "--timing", paramLabel = "P", defaultValue = "comal",
            description = "timing profile: comal or bounded (default: ${DEFAULT-VALUE})")
    String timing;

    @Option(names = "--fifo", paramLabel = "N", description = "FIFO depth for --timing bounded (at least 2; default 1024, the channel_size FuseFlow writes into Comal graphs)")
    Integer fifo;

    @Option(names = "--memory", paramLabel = "M", defaultValue = "none",
            description = "memory model: none, comal-hbm or bandwidth[:bytes_per_cycle=32,latency=20,request=32] (default: ${DEFAULT-VALUE})")
    String memory;

    @Option(names = "--decoders", paramLabel = "N", description = "decoders in the GPT-3 total (composed)")
    Integer decoders;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Option(names = "--csv", description = "print the statistics as CSV")
    boolean csv;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "also write the JSON (or CSV) to FILE")
    String output;

    SimulateCommand(Workbench workbench) {
        this.workbench = workbench;
    }

    @Override
    public CommandOutput call() {
        return SimulationRunner.run(this, workbench.cancelled(), workbench.progress(), workbench.memoryBudget());
    }
}
