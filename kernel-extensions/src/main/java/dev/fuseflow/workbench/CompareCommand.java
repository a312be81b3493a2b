package dev.fuseflow.workbench;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code compare}: a sweep over fusions shown as a comparison with unfused: speedup, and FLOPs and memory
 * accesses normalised to the unfused run of the same model and dataset (unfused is added when not listed).
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare fusion schedules of a model on datasets: speedup over unfused, and FLOPs and memory "
                + "accesses normalised to unfused (a sweep over --fusion, default: every preset of the model; "
                + "unfused is always included as the baseline).",
                "Example: compare --model zoo:gcn --dataset cora --fusion unfused,partial,full"})
final class CompareCommand implements Callable<CommandOutput> {

    private final Workbench workbench;

    @Mixin SweepOptions options = new SweepOptions();

    CompareCommand(Workbench workbench) {
        this.workbench = workbench;
    }

    @Override
    public CommandOutput call() {
        if (!options.fusions.isEmpty() && ListOption.fusions(options.fusions).stream()
                .noneMatch(f -> f.equals("unfused") || f.equals(SweepGrid.PRESETS) || f.equals(SweepGrid.ALL_PARTITIONS))) {
            options.fusions.add(0, "unfused"); // the baseline every ratio divides by
        }
        return SweepCommand.execute(options, workbench, SweepGrid.PRESETS, true);
    }
}
