package dev.fuseflow.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuseflow.compiler.CompiledProgram;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A sweep compiles each configuration once: the program compiled for the cost model's estimate (with
 * {@code --estimate}, or to start the longest runs first) is the one the run simulates.
 */
class SweepProgramsTest {
    static final String DATA = SweepCommandTest.DATA;
    static final String DATA2 = SweepCommandTest.DATA2;
    static final List<String> STATISTICS = List.of("dataset", "par", "fusion", "order", "cycles", "flops",
            "memory_accesses", "tokens", "verified", "max_rel_error", "error", "pruned", "estimated_cycles");

    @TempDir
    Path cacheDir;

    /** Every compilation, per point: {@code false} for a scalar program, {@code true} for a blocked one. */
    private final Map<SweepPoint, List<Boolean>> compilations = Collections.synchronizedMap(new IdentityHashMap<>());

    private final SweepPrograms.Compiler counting = (point, tiles) -> {
        compilations.computeIfAbsent(point, p -> Collections.synchronizedList(new ArrayList<>())).add(tiles);
        return SweepPrograms.SIMULATE.compile(point, tiles);
    };

    private static List<SweepPoint> grid(String... args) {
        SweepOptions options = new SweepOptions();
        new CommandLine(options).parseArgs(args);
        return SweepGrid.parse(options, "unfused", MemoryBudget.ofHeap()).expand(() -> false);
    }

    private SweepRunner runner(SweepRunner.CacheUse use, int threads) {
        return new SweepRunner(ResultCache.at(cacheDir.toString(), message -> { }), use, threads, () -> false,
                Progress.NONE, new MemoryGate(MemoryBudget.ofHeap(), 1));
    }

    private List<Boolean> compilationsOf(SweepPoint point) {
        return compilations.getOrDefault(point, List.of());
    }

    private static List<String> column(SweepResult.Rows rows, String name) {
        return rows.rows().stream().map(row -> String.valueOf(row.get(name))).toList();
    }

    @Test
    void startingTheLongestFirstCompilesEachPointOnce() {
        List<SweepPoint> points = grid("--model", "zoo:spmm", "--dataset", DATA + "," + DATA2,
                "--par", "none,i:2,i:4");
        SweepPrograms programs = new SweepPrograms(counting);
        // more configurations than threads: the pool orders them by the cost model's estimates
        SweepResult.Rows rows = runner(SweepRunner.CacheUse.OFF, 2).run(points, null, programs);
        for (SweepPoint point : points) {
            assertEquals(List.of(false), compilationsOf(point), point.coordinates().toString());
        }
        assertEquals(0, programs.keptCount(), "nothing is held after the sweep");

        SweepResult.Rows inGridOrder = runner(SweepRunner.CacheUse.OFF, 1).run(points, null, new SweepPrograms());
        for (String name : STATISTICS) {
            assertEquals(column(inGridOrder, name), column(rows, name), name);
        }
        assertTrue(rows.rows().stream().allMatch(row -> Boolean.TRUE.equals(row.get("verified"))));
    }

    @Test
    void withEstimatesEachPointCompilesOnceAndPointsOfTheSameKeyRunOnce() {
        // unfused and full of a one-assignment model have the same key: the second is a copy of the first
        List<SweepPoint> points = grid("--model", "zoo:spmm", "--dataset", DATA + "," + DATA2,
                "--fusion", "unfused,full", "--par", "none,i:2");
        SweepPrograms programs = new SweepPrograms(counting);
        SweepEstimates estimates = new SweepEstimates(points, null, programs);
        assertEquals(points.size(), programs.keptCount(), "every estimate's program is kept for its run");
        SweepResult.Rows rows = runner(SweepRunner.CacheUse.OFF, 2).run(points, estimates, programs);
        for (SweepPoint point : points) {
            assertEquals(List.of(false), compilationsOf(point), point.coordinates().toString());
        }
        assertEquals(0, programs.keptCount());
        assertEquals(column(rows, "cycles").subList(0, 2), column(rows, "cycles").subList(2, 4),
                "full copies unfused: " + column(rows, "fusion"));

        SweepResult.Rows separately = runner(SweepRunner.CacheUse.OFF, 1)
                .run(points, new SweepEstimates(points, null), new SweepPrograms());
        for (String name : STATISTICS) {
            assertEquals(column(separately, name), column(rows, name), name);
        }
    }

    @Test
    void cachedAndPrunedPointsDropTheirProgramsWithoutRunning() {
        List<SweepPoint> points = grid("--model", "zoo:gcn", "--dataset", "karate", "--fusion", "unfused,partial,full");
        SweepPrograms programs = new SweepPrograms(counting);
        SweepEstimates pruning = new SweepEstimates(points, 0.0, programs);
        List<Integer> prunedPoints = IntStream.range(0, points.size()).filter(pruning::pruned).boxed().toList();
        assertFalse(prunedPoints.isEmpty(), "a margin of 0 keeps only the best estimate");
        SweepResult.Rows first = runner(SweepRunner.CacheUse.READ_WRITE, 1).run(points, pruning, programs);
        for (SweepPoint point : points) {
            assertEquals(List.of(false), compilationsOf(point), point.coordinates().toString());
        }
        assertEquals(0, programs.keptCount());

        compilations.clear();
        SweepPrograms again = new SweepPrograms(counting);
        SweepResult.Rows second = runner(SweepRunner.CacheUse.READ_WRITE, 1)
                .run(points, new SweepEstimates(points, 0.0, again), again);
        assertEquals(0, second.simulated(), "every row that ran is cached");
        assertEquals(0, again.keptCount(), "the programs of cached and pruned points are not held");
        for (SweepPoint point : points) {
            assertEquals(List.of(false), compilationsOf(point), "the estimate only: " + point.coordinates());
        }
        for (String name : STATISTICS) {
            assertEquals(column(first, name), column(second, name), name);
        }
    }

    @Test
    void aTrueBlockRunCompilesItsBlockedProgramBesideTheScalarOneOfItsEstimate() {
        List<SweepPoint> points = grid("--model", "einsum:A: (compressed, compressed) [64, 64]; "
                + "B: (compressed, compressed) [64, 64]; C: (compressed, compressed) [64, 32]; "
                + "T: (compressed, compressed) [64, 64]; Y: (compressed, compressed) [64, 32]; "
                + "T(i,j) = A(i,k) * B(k,j); Y(i,l) = T(i,j) * C(j,l)", "--fusion", "unfused",
                "--dataset", "generated:density=0.2", "--values", "scalar,true-block", "--block", "16");
        SweepPrograms programs = new SweepPrograms(counting);
        SweepResult.Rows rows = runner(SweepRunner.CacheUse.OFF, 1)
                .run(points, new SweepEstimates(points, null, programs), programs);
        assertEquals(2, rows.rows().size());
        assertEquals(List.of(false), compilationsOf(points.get(0)), "scalar: once");
        assertEquals(List.of(false, true), compilationsOf(points.get(1)), "true-block: scalar estimate, blocked run");
        for (SweepRow row : rows.rows()) {
            assertEquals(true, row.get("verified"), row.json().toString());
        }
    }

    @Test
    void aDroppedProgramIsCompiledAgainForTheRun() {
        List<SweepPoint> points = grid("--model", "zoo:spmm", "--dataset", DATA);
        SweepPrograms programs = new SweepPrograms(counting);
        CompiledProgram estimated = programs.forEstimate(0, points.get(0));
        assertSame(estimated, programs.forRun(0, points.get(0)));
        assertEquals(List.of(false), compilationsOf(points.get(0)), "the run took the estimate's program");
        programs.forEstimate(0, points.get(0));
        programs.drop(0);
        programs.forRun(0, points.get(0));
        assertEquals(List.of(false, false, false), compilationsOf(points.get(0)));
    }
}
