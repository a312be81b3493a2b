package dev.fuseflow.workbench;

import dev.fuseflow.compiler.run.GroupResult;
import dev.fuseflow.compiler.run.RunResult;
import dev.fuseflow.simulator.engine.SimulationResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Runs that several configurations share within this JVM, by a key text that spells out everything that determines
 * them: GPT-3's element-level groups are the same for block sizes 16, 32 and 64 ({@link BlockTimedAttention}), and
 * take minutes at full scale, so a sweep or a notebook over the block sizes runs them once. A run asked for while
 * another thread runs it waits for that one. The last {@value #CAPACITY} runs of each kind are kept; a run that fails
 * or is cancelled is not kept.
 *
 * @param <T> what a run gives: a program's run ({@link #PROGRAMS}, kept without its output tensors, which nothing
 *            after a run reads) or one group's simulation ({@link #GROUPS}, with its outputs, which later groups read)
 */
final class SharedRuns<T> {
    static final int CAPACITY = 8;
    private static final long POLL_MILLIS = 100;

    /** Whole program runs. */
    static final SharedRuns<RunResult> PROGRAMS = new SharedRuns<>(SharedRuns::withoutOutputs);
    /** Single groups that read only the program's inputs, the same group in several programs. */
    static final SharedRuns<SimulationResult> GROUPS = new SharedRuns<>(java.util.function.UnaryOperator.identity());

    private final java.util.function.UnaryOperator<T> kept;
    private final Map<String, CompletableFuture<T>> runs = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<T>> eldest) {
            return size() > CAPACITY;
        }
    };

    private SharedRuns(java.util.function.UnaryOperator<T> kept) {
        this.kept = kept;
    }

    /**
     * The run for {@code key}: kept, in progress on another thread (waited for, polling {@code cancelled}), or
     * made now by {@code run}.
     *
     * @throws CancelledException when {@code cancelled} turns true while waiting
     */
    T get(String key, Supplier<T> run, BooleanSupplier cancelled) {
        while (true) {
            CompletableFuture<T> mine = new CompletableFuture<>();
            CompletableFuture<T> existing;
            synchronized (runs) {
                existing = runs.putIfAbsent(key, mine);
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

    private T runAndKeep(String key, CompletableFuture<T> mine, Supplier<T> run) {
        try {
            T result = kept.apply(run.get());
            mine.complete(result);
            return result;
        } catch (RuntimeException | Error e) {
            synchronized (runs) {
                runs.remove(key, mine);
            }
            mine.completeExceptionally(e);
            throw e;
        }
    }

    private static <T> T waitFor(CompletableFuture<T> running, BooleanSupplier cancelled)
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
        return new GroupResult(group.group(), group.order(), group.simulation().withOutputs(Map.of()));
    }

    /** Forgets every kept run of both kinds (tests). */
    static void clear() {
        for (SharedRuns<?> shared : List.of(PROGRAMS, GROUPS)) {
            synchronized (shared.runs) {
                shared.runs.clear();
            }
        }
    }
}
