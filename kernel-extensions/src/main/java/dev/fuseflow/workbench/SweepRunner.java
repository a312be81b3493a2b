package dev.fuseflow.workbench;

import com.google.gson.JsonObject;
import dev.fuseflow.diagnostics.UserError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs the configurations of a sweep: cached results are taken from the {@link ResultCache}, the rest are
 * simulated on a pool of worker threads, each with {@link SimulationRunner#simulate}, and written to the cache
 * as they finish. Rows come back in grid order whatever the number of threads, and every statistic is the one
 * a single {@code simulate} of that configuration prints (only {@code wall_ms} depends on the machine).
 *
 * <p>Each configuration passes the {@link MemoryGate} before it runs: one whose memory estimate exceeds the heap
 * becomes an error row with simulate's {@code --scale} suggestion, and the threads together stay within the heap.
 * Neither that refusal nor an out-of-memory error is cached, since they depend on this JVM's heap, not on the
 * configuration.
 *
 * <p>Interrupting ({@code cancelled} turning true) stops the running simulations at their next poll and starts
 * no more; what finished is cached, so running the same sweep again continues where it stopped.
 */
final class SweepRunner {
    /** How the cache is used: read and write (default), write only ({@code --refresh}), or not at all. */
    enum CacheUse { READ_WRITE, REFRESH, OFF }

    private final ResultCache cache;
    private final CacheUse cacheUse;
    private final int threads;
    private final BooleanSupplier cancelled;
    private final Progress progress;
    private final MemoryGate memory;

    SweepRunner(ResultCache cache, CacheUse cacheUse, int threads, BooleanSupplier cancelled, Progress progress,
            MemoryGate memory) {
        if (threads < 1) {
            throw UserError.of("--threads must be at least 1, not " + threads);
        }
        this.cache = cache;
        this.cacheUse = cacheUse;
        this.threads = threads;
        this.cancelled = cancelled;
        this.progress = progress;
        this.memory = memory;
    }

    /** The default thread count: one per available processor. */
    static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * The rows of {@code points}, in their order; with {@code estimates}, the cost model's estimates are in every
     * row and pruned rows are left unsimulated. {@code programs} compiles the points: those it kept from the
     * estimates are not compiled again.
     */
    SweepResult.Rows run(List<SweepPoint> points, SweepEstimates estimates, SweepPrograms programs) {
        long start = System.nanoTime();
        SweepRow[] rows = new SweepRow[points.size()];
        List<Integer> toRun = new ArrayList<>();
        int cached = 0;
        int errors = 0;
        for (int i = 0; i < points.size(); i++) {
            SweepPoint point = points.get(i);
            rows[i] = new SweepRow(point.coordinates());
            if (!point.runnable()) {
                rows[i].set("error", point.error());
                errors++;
                continue;
            }
            if (estimates != null) {
                estimates.fill(i, rows[i]);
                if (estimates.pruned(i)) {
                    continue;
                }
            }
            Optional<JsonObject> hit = cacheUse == CacheUse.READ_WRITE ? cache.read(point.keyText()) : Optional.empty();
            if (hit.isPresent()) {
                rows[i].restore(hit.get());
                cached++;
                errors += rows[i].failed() ? 1 : 0;
            } else {
                toRun.add(i);
            }
        }
        programs.keepOnly(toRun); // the cached and pruned points will not run
        Tally tally = new Tally(points.size(), cached, points.size() - toRun.size(), errors);
        progress.update("sweep", tally.done(), points.size(), tally.detail());
        if (!toRun.isEmpty()) {
            simulate(points, rows, threads > 1 && toRun.size() > threads
                    ? sharedLast(points, longestFirst(points, toRun, estimates, programs)) : toRun, programs, tally);
        }
        double wallMs = (System.nanoTime() - start) / 1e6;
        return new SweepResult.Rows(List.of(rows), cached, toRun.size(), errors + tally.newErrors.get(),
                Math.min(threads, Math.max(1, toRun.size())), wallMs);
    }

    /** Counts for the progress line: configurations finished (known before the run, or simulated now), errors. */
    private static final class Tally {
        final int total;
        final int cached;
        final int finishedBefore;
        final int errorsBefore;
        final AtomicInteger simulated = new AtomicInteger();
        final AtomicInteger newErrors = new AtomicInteger();

        Tally(int total, int cached, int finishedBefore, int errorsBefore) {
            this.total = total;
            this.cached = cached;
            this.finishedBefore = finishedBefore;
            this.errorsBefore = errorsBefore;
        }

        int done() {
            return finishedBefore + simulated.get();
        }

        String detail() {
            int errors = errorsBefore + newErrors.get();
            return cached + " cached" + (errors == 0 ? "" : ", " + errors + (errors == 1 ? " error" : " errors"));
        }
    }

    /**
     * The configurations to run, longest first by the cost model's estimated cycles (those without an
     * estimate last, in grid order): on a pool, the longest ones then start at once instead of last, when
     * they would leave the other threads idle while they finish. The rows keep their grid order. Points
     * without an estimate are compiled by {@code programs}, which keeps the programs for their runs.
     */
    static List<Integer> longestFirst(List<SweepPoint> points, List<Integer> toRun, SweepEstimates estimates,
            SweepPrograms programs) {
        Map<Integer, Double> cycles = new java.util.HashMap<>();
        for (int index : toRun) {
            Optional<Double> known = estimates == null ? Optional.empty() : estimates.cycles(index);
            if (known.isEmpty()) {
                try {
                    known = SweepEstimates.estimate(index, points.get(index), programs).map(e -> e.cycles());
                } catch (RuntimeException e) {
                    known = Optional.empty(); // the run itself reports what is wrong
                }
            }
            cycles.put(index, known.orElse(-1.0));
        }
        List<Integer> ordered = new ArrayList<>(toRun);
        ordered.sort(java.util.Comparator.comparingDouble((Integer index) -> -cycles.get(index)));
        return ordered;
    }

    /**
     * {@code ordered} with every configuration that shares its element-level run with an earlier one (GPT-3 in
     * block-timing mode at another block size, {@link SharedRuns}) moved after the first of each such run, order
     * kept otherwise: the threads then run different element parts side by side instead of one waiting for another.
     */
    static List<Integer> sharedLast(List<SweepPoint> points, List<Integer> ordered) {
        List<Integer> first = new ArrayList<>();
        List<Integer> later = new ArrayList<>();
        java.util.Set<Object> seen = new java.util.HashSet<>();
        for (int index : ordered) {
            Object shared = sharedRun(points.get(index));
            (shared == null || seen.add(shared) ? first : later).add(index);
        }
        first.addAll(later);
        return first;
    }

    /** What identifies the run a configuration shares with others, or null: its coordinates but dataset and block. */
    private static Object sharedRun(SweepPoint point) {
        if (!point.runnable() || !BlockTimedAttention.applies(point.bound().resolved(), point.options())) {
            return null;
        }
        Map<String, Object> coordinates = new LinkedHashMap<>(point.coordinates());
        coordinates.remove("dataset");
        coordinates.remove("block");
        return coordinates;
    }

    private void simulate(List<SweepPoint> points, SweepRow[] rows, List<Integer> toRun, SweepPrograms programs,
            Tally tally) {
        int poolSize = Math.min(threads, toRun.size());
        ExecutorService pool = Executors.newFixedThreadPool(poolSize, daemonThreads());
        List<Future<?>> futures = new ArrayList<>();
        // configurations with the same key (e.g. unfused and full of a one-assignment model) run once
        Map<String, List<Integer>> byKey = new LinkedHashMap<>();
        for (int index : toRun) {
            byKey.computeIfAbsent(points.get(index).keyText(), k -> new ArrayList<>()).add(index);
        }
        programs.keepOnly(byKey.values().stream().map(same -> same.get(0)).toList());
        try {
            for (List<Integer> same : byKey.values()) {
                futures.add(pool.submit(() -> runOne(same.get(0), points.get(same.get(0)),
                        same.stream().map(i -> rows[i]).toList(), programs, tally)));
            }
            for (Future<?> future : futures) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof CancelledException cancel) {
                        throw cancel;
                    }
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancelledException("the sweep");
                }
            }
        } catch (CancelledException e) {
            int finished = tally.done();
            throw new CancelledException("the sweep (" + finished + " of " + points.size() + " configurations "
                    + "finished; " + (cacheUse == CacheUse.OFF ? "caching was off"
                    : "they are cached, so the same sweep continues from there") + ")");
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Runs the configuration at {@code index} with the program {@code programs} gives it, and fills its row and
     * the rows of the same key; writes the cache; reports.
     */
    private void runOne(int index, SweepPoint point, List<SweepRow> same, SweepPrograms programs, Tally tally) {
        if (cancelled.getAsBoolean()) {
            programs.drop(index);
            throw new CancelledException("the sweep");
        }
        SweepRow row = same.get(0);
        boolean cacheable = true;
        MemoryGate.Admission admission = null;
        try {
            admission = memory.admit(point.bound().estimate(), cancelled);
        } catch (UserError e) {
            row.set("error", e.getMessage()); // too large for this heap: not cached, so a larger heap runs it
            cacheable = false;
        }
        if (admission != null) {
            try (MemoryGate.Admission held = admission) {
                row.fill(SimulationRunner.simulate((String) point.coordinates().get("model"), point.bound(),
                        point.orderSpec(), () -> programs.forRun(index, point), point.options(), point.decoders(),
                        cancelled));
            } catch (UserError e) {
                row.set("error", e.getMessage()); // the configuration cannot run (an invalid order, a deadlock, ...)
            } catch (CancelledException e) {
                throw e;
            } catch (OutOfMemoryError e) {
                // more than its estimate: what it allocated is garbage now, so the other rows go on
                row.set("error", memory.outOfMemory(point.bound().estimate()));
                cacheable = false;
            } catch (RuntimeException e) {
                // a bug, not the configuration: shown in its row, never cached, so a fixed build runs it again
                row.set("error", "internal error: " + e);
                cacheable = false;
            }
        }
        programs.drop(index); // when the run did not take it: refused by the gate, or failed before compiling
        JsonObject entry = row.cacheEntry();
        if (cacheable && cacheUse != CacheUse.OFF) {
            cache.write(point.keyText(), entry);
        }
        for (SweepRow copy : same.subList(1, same.size())) {
            copy.restore(entry);
            copy.set("cached", false);
        }
        synchronized (tally) {
            if (row.failed()) {
                tally.newErrors.addAndGet(same.size());
            }
            tally.simulated.addAndGet(same.size());
            progress.update("sweep", tally.done(), tally.total, tally.detail());
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "fuseflow-sweep-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** For messages: cache warnings go to stderr, once. */
    static Consumer<String> stderrWarnings() {
        return message -> System.err.println("fuseflow: warning: " + message);
    }
}
