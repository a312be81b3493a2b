package dev.fuseflow.workbench;

import dev.fuseflow.compiler.run.GroupResult;
import dev.fuseflow.compiler.run.RunResult;
import dev.fuseflow.simulator.engine.SimulationResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Program runs that several configurations share within this JVM, by a key text that spells out everything that
 * determines them: GPT-3's element-level groups are the same for block sizes 16, 32 and 64
 * ({@link BlockTimedAttention}), and take minutes at full scale, so a sweep or a notebook over the block sizes runs
 * them once. A run asked for while another thread runs it waits for that one. The last {@value #CAPACITY} runs are
 * kept, without their output tensors (nothing after a run reads them); a run that fails or is cancelled is not
 * kept.
 */
final class SharedRuns {
    static final int CAPACITY = 8;
    private static final long POLL_MILLIS = 100;

    private static final Map<String, CompletableFuture<RunResult>> RUNS = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<RunResult>> eldest) {
            return size() > CAPACITY;
        }
    };

    private SharedRuns() {
    }

    /**
     * The run for {@code key}: kept, in progress on another thread (waited for, polling {@code cancelled}), or
     * made now by {@code run}.
     *
     * @throws CancelledException when {@code cancelled} turns true while waiting
     */
    static RunResult get(String key, Supplier<RunResult> run, BooleanSupplier cancelled) {
        while (true) {
            CompletableFuture<RunResult> mine = new CompletableFuture<>();
            CompletableFuture<RunResult> existing;
            synchronized (RUNS) {
                existing = RUNS.putIfAbsent(key, mine);
            }
            if (existing == null) {
                return runAndKeep(key, mine, run);
            }
            try {
                return waitFor(existing, cancelled);
            } catch (ExecutionException e) {
                // the other run failed and was dropped: try again, running it here unless a third thread does
            }
        }
    }

    private static RunResult runAndKeep(String key, CompletableFuture<RunResult> mine, Supplier<RunResult> run) {
        try {
            RunResult result = withoutOutputs(run.get());
            mine.complete(result);
            return result;
        } catch (RuntimeException | Error e) {
            synchronized (RUNS) {
                RUNS.remove(key, mine);
            }
            mine.completeExceptionally(e);
            throw e;
        }
    }

    private static RunResult waitFor(CompletableFuture<RunResult> running, BooleanSupplier cancelled)
            throws ExecutionException {
        while (true) {
            if (cancelled.getAsBoolean()) {
                throw new CancelledException("the simulation");
            }
            try {
                return running.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // still running: poll the cancel flag again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancelledException("the simulation");
            }
        }
    }

    /** The run with the group outputs dropped: statistics, graphs and verifications stay. */
    private static RunResult withoutOutputs(RunResult run) {
        return new RunResult(run.total(), run.groups().stream().map(SharedRuns::withoutOutputs).toList(),
                run.verifications(), run.wallMillis(), run.verificationSkipped());
    }

    private static GroupResult withoutOutputs(GroupResult group) {
        SimulationResult s = group.simulation();
        return new GroupResult(group.group(), group.order(), new SimulationResult(s.graph(), s.statistics(),
                s.primitives(), Map.of(), s.blockOutputs(), s.wallNanos()));
    }

    /** Forgets every kept run (tests). */
    static void clear() {
        synchronized (RUNS) {
            RUNS.clear();
        }
    }
}
