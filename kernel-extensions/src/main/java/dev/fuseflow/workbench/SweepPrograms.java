package dev.fuseflow.workbench;

import dev.fuseflow.compiler.CompiledProgram;
import dev.fuseflow.simulator.engine.ValueMode;
import java.lang.ref.SoftReference;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiles the points of a sweep, so that each configuration compiles once: the program compiled for a point's
 * cost-model estimate ({@link SweepEstimates}, or the longest-first ordering of {@link SweepRunner}) is kept by
 * grid index until the point's run takes it. Compiling is deterministic, so the run gets the program it would
 * have compiled itself.
 *
 * <p>What is kept, and for how long: a compiled program holds graph structure only, no data (measured 30–150 KB
 * for the zoo's GCN, GraphSAGE and GPT-3 programs, against megabytes to gigabytes of inputs), but every point
 * has its own, and a large grid has many (1,024 GCN partitions hold about 37 MB). So a program is kept only
 * from its estimate to its run: a run takes it out, and the runner drops those of points that will not run
 * (cached, pruned, or the same key as another). And each is held softly: when the heap runs short the JVM may
 * drop kept programs instead of failing, and a point whose program was dropped compiles again.
 *
 * <p>Estimates use the scalar program. A true-block run simulates the program blocked into tiles instead, so
 * its estimate's program is not kept and the run compiles its own.
 */
final class SweepPrograms {

    /** How a point is compiled; tests count calls through it. */
    @FunctionalInterface
    interface Compiler {
        /**
         * The program of {@code point}: blocked into b×b tiles when {@code tiles}, else the scalar program with
         * {@code auto} orders chosen on the point's inputs.
         */
        CompiledProgram compile(SweepPoint point, boolean tiles);
    }

    /** The compiler {@code simulate} uses ({@link SimulationRunner#compile}). */
    static final Compiler SIMULATE = (point, tiles) -> SimulationRunner.compile(point.bound(), point.orderSpec(),
            tiles, point.options().blockSize());

    private final Compiler compiler;
    private final Map<Integer, SoftReference<CompiledProgram>> kept = new ConcurrentHashMap<>();

    SweepPrograms() {
        this(SIMULATE);
    }

    SweepPrograms(Compiler compiler) {
        this.compiler = compiler;
    }

    /**
     * The scalar program of the point at {@code index}, for the cost model; kept for the point's run when the
     * run simulates the same program.
     *
     * @throws dev.fuseflow.diagnostics.UserError when the configuration does not compile
     */
    CompiledProgram forEstimate(int index, SweepPoint point) {
        CompiledProgram program = keptProgram(index);
        if (program == null) {
            program = compiler.compile(point, false);
            if (!tiles(point)) {
                kept.put(index, new SoftReference<>(program));
            }
        }
        return program;
    }

    /** The program the run of the point at {@code index} simulates: the kept one (kept no longer), else compiled. */
    CompiledProgram forRun(int index, SweepPoint point) {
        SoftReference<CompiledProgram> reference = kept.remove(index);
        CompiledProgram program = reference == null ? null : reference.get();
        return program != null ? program : compiler.compile(point, tiles(point));
    }

    /** Drops the programs of every point but {@code indices} (those still to run). */
    void keepOnly(Collection<Integer> indices) {
        kept.keySet().retainAll(Set.copyOf(indices));
    }

    /** Drops the program of the point at {@code index} (it will not run). */
    void drop(int index) {
        kept.remove(index);
    }

    /** How many points have a program kept. */
    int keptCount() {
        return kept.size();
    }

    private CompiledProgram keptProgram(int index) {
        SoftReference<CompiledProgram> reference = kept.get(index);
        return reference == null ? null : reference.get();
    }

    private static boolean tiles(SweepPoint point) {
        return point.options().values() == ValueMode.TRUE_BLOCK;
    }
}
