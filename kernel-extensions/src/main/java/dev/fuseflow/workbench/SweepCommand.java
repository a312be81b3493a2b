package dev.fuseflow.workbench;

import dev.fuseflow.diagnostics.UserError;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code sweep}: simulate every configuration of a grid (model × dataset × fusion × order × parallelization ×
 * value mode and block × timing × memory) on a thread pool, with results cached by content, and print one row
 * per configuration.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Simulate a grid of configurations (every option takes a comma list) on a thread pool and "
                + "print one row per configuration, in grid order: the statistics, verified, max_rel_error, wall_ms, "
                + "speedup over the unfused row of the same model and dataset, or the error that kept it from running.",
                "Results are cached by a hash of everything that determines them, so a repeated or interrupted sweep "
                        + "only simulates what is new.",
                "Example: sweep --model zoo:gcn --dataset cora,dblp --fusion unfused,partial,full --par i:1,i:2,i:4"})
final class SweepCommand implements Callable<CommandOutput> {

    private final Workbench workbench;

    @Mixin SweepOptions options = new SweepOptions();

    SweepCommand(Workbench workbench) {
        this.workbench = workbench;
    }

    @Override
    public CommandOutput call() {
        return execute(options, workbench, "unfused", false);
    }

    /**
     * Checks the options, expands the grid, runs it and writes {@code -o}; shared with {@code compare}.
     *
     * @param defaultFusion the fusion list when {@code --fusion} is absent
     * @param comparison    show the result as a comparison of fusions
     */
    static SweepResult execute(SweepOptions o, Workbench workbench, String defaultFusion, boolean comparison) {
        if (o.json && o.csv) {
            throw UserError.of("--json and --csv exclude each other; choose one");
        }
        if (o.resume && (o.noCache || o.refresh)) {
            throw UserError.of("--resume continues from cached results, so it excludes " + (o.noCache ? "--no-cache"
                    : "--refresh"));
        }
        if (o.noCache && o.refresh) {
            throw UserError.of("--no-cache and --refresh exclude each other; choose one");
        }
        int threads = o.threads == null ? SweepRunner.defaultThreads() : o.threads;
        if (threads < 1) {
            throw UserError.of("--threads must be at least 1, not " + threads);
        }
        if (o.output != null) {
            OutputFiles.requireNew(o.output); // before a long run, not after it
        }
        if (o.prune != null && !(o.prune >= 0)) {
            throw UserError.of("--prune takes a margin of at least 0 (0.5 keeps schedules estimated within 1.5× of "
                    + "the best), not " + o.prune, List.of("0", "0.25", "0.5", "1"));
        }
        SweepGrid grid = SweepGrid.parse(o, defaultFusion, workbench.memoryBudget());
        List<SweepPoint> points = grid.expand(workbench.cancelled());
        SweepPrograms programs = new SweepPrograms(); // each point compiles once, for its estimate and its run
        SweepEstimates estimates = o.estimate || o.prune != null ? new SweepEstimates(points, o.prune, programs)
                : null;
        SweepRunner.CacheUse use = o.noCache ? SweepRunner.CacheUse.OFF
                : o.refresh ? SweepRunner.CacheUse.REFRESH : SweepRunner.CacheUse.READ_WRITE;
        ResultCache cache = ResultCache.at(o.cacheDir, SweepRunner.stderrWarnings());
        SweepResult result = new SweepResult(
                new SweepRunner(cache, use, threads, workbench.cancelled(), workbench.progress(),
                        new MemoryGate(workbench.memoryBudget(), o.scale)).run(points, estimates, programs),
                o.json ? SweepResult.Format.JSON : o.csv ? SweepResult.Format.CSV : SweepResult.Format.TEXT,
                comparison);
        if (o.output != null) {
            OutputFiles.writeNew(o.output, o.output.endsWith(".csv") ? result.csv() : result.jsonText());
        }
        return result;
    }
}
