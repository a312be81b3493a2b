package dev.fuseflow.workbench;

import com.google.gson.GsonBuilder;
import dev.fuseflow.diagnostics.UserError;
import dev.fuseflow.simulator.engine.SimulationCancelledException;
import dev.fuseflow.simulator.engine.SimulationException;
import dev.fuseflow.simulator.engine.SimulationResult;
import dev.fuseflow.simulator.engine.Simulator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench}: simulator speed on a fixed set of graphs ({@link BenchSuite}), one thread. Per graph: build
 * it (untimed), warm the JIT up with {@code --warmup} full runs, then time {@code --repeat} runs of
 * {@code Simulator.simulate} and report the best, because the minimum is the least noisy estimate of
 * what the code costs on a shared machine. One JSON object per graph and line.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure simulator speed (token steps and simulated cycles per wall second) on a fixed set "
                + "of graphs, single-threaded; prints one JSON object per graph with graph, tokens, cycles, "
                + "wall_ms, tokens_per_s, cycles_per_s (best of --repeat runs after --warmup runs).",
                "Standard set:",
                "  spmm-cora         zoo:spmm (Y = A*X) on Cora-sized synthetic data (2708x2708, 10556 nnz, 1433 features)",
                "  matmul-dense-128  Y = A*X with dense 128x128 operands (order ikj)",
                "  ref-<name>        every reference GCN graph of the original compiler (../shared/fixtures/"
                        + "reference-graphs/*gcn*.proto.txt) on generated data of about 10 M token steps; "
                        + "one line says when they are absent",
                "Quick set (--quick, for tests): spmm-quick (64x64, 8 features), matmul-dense-8.",
                "See docs/bench.md."})
final class BenchCommand implements Callable<CommandOutput> {

    private final Workbench workbench;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "5",
            description = "timed runs per graph; the best is reported (default: ${DEFAULT-VALUE})")
    int repeat;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "2",
            description = "untimed runs per graph before timing (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--quick", description = "the tiny set (for tests; says nothing about speed)")
    boolean quick;

    @Option(names = "--graph", paramLabel = "NAME", description = "run only the named graphs of the set")
    List<String> only = new ArrayList<>();

    BenchCommand(Workbench workbench) {
        this.workbench = workbench;
    }

    @Override
    public CommandOutput call() {
        if (repeat < 1 || warmup < 0) {
            throw UserError.of("--repeat must be at least 1 and --warmup at least 0, not " + repeat + " and " + warmup);
        }
        List<BenchCase> cases = quick ? BenchSuite.quick() : BenchSuite.standard();
        List<String> names = cases.stream().map(BenchCase::name).toList();
        for (String name : only) {
            if (!names.contains(name)) {
                throw UserError.of("bench graph '" + name + "' is not in the " + (quick ? "quick" : "standard") + " set",
                        names);
            }
        }
        Simulator simulator = new Simulator();
        List<String> lines = new ArrayList<>();
        for (BenchCase bench : cases) {
            if (!only.isEmpty() && !only.contains(bench.name())) {
                continue;
            }
            try {
                lines.add(json(measure(simulator, bench)));
            } catch (SimulationException e) {
                // A graph the simulator cannot run is reported in its line; the others still run.
                Map<String, Object> failed = new LinkedHashMap<>();
                failed.put("graph", bench.name());
                failed.put("skipped", "the simulation failed: " + e.getMessage());
                lines.add(json(failed));
            }
        }
        if (!quick && only.isEmpty()) {
            BenchSuite.referenceGraphsSkipped().ifPresent(reason -> lines.add(json(Map.of("skipped", reason))));
        }
        return CommandOutput.text(String.join("\n", lines));
    }

    private Map<String, Object> measure(Simulator simulator, BenchCase bench) {
        BenchCase.Input input = bench.input().get();
        SimulationResult best = null;
        try {
            for (int run = 0; run < warmup + repeat; run++) {
                SimulationResult result = simulator.simulate(input.graph(), input.tensors(), workbench.cancelled());
                if (run >= warmup && (best == null || result.wallNanos() < best.wallNanos())) {
                    best = result;
                }
            }
        } catch (SimulationCancelledException e) {
            throw new CancelledException("the bench");
        }
        long tokens = best.statistics().tokens();
        long cycles = best.cycles();
        double seconds = best.wallNanos() / 1e9;
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("graph", bench.name());
        fields.put("data", input.data());
        fields.put("tokens", tokens);
        fields.put("cycles", cycles);
        fields.put("wall_ms", Math.round(best.wallNanos() / 1e4) / 100.0);
        fields.put("tokens_per_s", Math.round(tokens / seconds));
        fields.put("cycles_per_s", Math.round(cycles / seconds));
        fields.put("repeat", repeat);
        return fields;
    }

    private static String json(Map<String, Object> fields) {
        return new GsonBuilder().disableHtmlEscaping().create().toJson(fields);
    }
}
