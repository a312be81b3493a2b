package dev.fuseflow.compiler.run;

import dev.fuseflow.compiler.CompiledGroup;
import dev.fuseflow.compiler.CompiledProgram;
import dev.fuseflow.compiler.ir.TensorDecl;
import dev.fuseflow.compiler.reference.ReferenceEvaluator;
import dev.fuseflow.compiler.reference.ReferenceTensor;
import dev.fuseflow.compiler.reference.Verification;
import dev.fuseflow.simulator.engine.ProgressListener;
import dev.fuseflow.simulator.engine.SimulationResult;
import dev.fuseflow.simulator.engine.Simulator;
import dev.fuseflow.simulator.stats.Statistics;
import dev.fuseflow.simulator.tensor.FiberTensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Runs a compiled program: simulates its groups in order, materialises each group's outputs in their
 * declared formats for the groups after it, sums the statistics, and verifies every assigned tensor
 * against the {@link ReferenceEvaluator} on the same float32 inputs (tensors a fused group keeps
 * in its streams are never written, so only the written ones can be compared).
 */
public final class ProgramRunner {
    /** The progress label while the outputs are checked against the CPU reference. */
    public static final String VERIFYING = "verifying against the CPU reference";

    private final Simulator simulator;
    private final SharedGroups shared;

    public ProgramRunner(Simulator simulator) {
        this(simulator, SharedGroups.NONE);
    }

    /** A runner that asks {@code shared} for the groups reading only the program's inputs. */
    public ProgramRunner(Simulator simulator, SharedGroups shared) {
        this.simulator = simulator;
        this.shared = shared;
    }

    public RunResult run(CompiledProgram compiled, Map<String, FiberTensor> inputs, BooleanSupplier cancelled) {
        return run(compiled, inputs, cancelled, ProgressListener.NONE);
    }

    /**
     * As {@link #run(CompiledProgram, Map, BooleanSupplier)}, telling {@code progress} how far it came: the
     * token steps of the program so far under the label {@code "group G of N"} while group G simulates, then
     * {@value #VERIFYING} while the reference evaluation runs.
     */
    public RunResult run(CompiledProgram compiled, Map<String, FiberTensor> inputs, BooleanSupplier cancelled,
            ProgressListener progress) {
        ACTIVE_RUNS.incrementAndGet();
        try {
            return runCounted(compiled, inputs, cancelled, progress);
        } finally {
            ACTIVE_RUNS.decrementAndGet();
        }
    }

    private RunResult runCounted(CompiledProgram compiled, Map<String, FiberTensor> inputs, BooleanSupplier cancelled,
            ProgressListener progress) {
        long start = System.nanoTime();
        Map<String, FiberTensor> tensors = new HashMap<>(inputs);
        List<GroupResult> groups = new ArrayList<>();
        Statistics total = null;
        Map<String, FiberTensor> produced = new HashMap<>();
        int groupCount = compiled.groups().size();
        long tokensBefore = 0;
        // Decided before simulating: when the reference is too large to build, nothing is compared, so a group's
        // output is held only until the last group that reads it (MAG's class scores are 2 GB each).
        String skipped = ProgramRunner.referenceTooLarge(compiled.program(), name -> inputs.get(name) == null
                ? Long.MAX_VALUE : inputs.get(name).storedCount());
        Map<String, Integer> lastReader = skipped == null ? Map.of() : lastReaders(compiled);
        for (CompiledGroup group : compiled.groups()) {
            String label = "group " + (groups.size() + 1) + " of " + groupCount;
            long offset = tokensBefore;
            progress.update(label, offset, ProgressListener.UNKNOWN);
            java.util.function.Supplier<SimulationResult> simulate = () -> simulator.simulate(group.graph(), tensors,
                    cancelled, (ignored, done, unknown) -> progress.update(label, offset + done, unknown), label);
            SimulationResult result = readsOnlyInputs(compiled, group)
                    ? shared.simulate(compiled.program(), group, simulate) : simulate.get();
            tokensBefore += result.statistics().tokens();
            // only the materialised copy of an output is kept (read by later groups, verified, and the group's
            // outputs): holding the written one as well doubled the memory of every intermediate
            Map<String, FiberTensor> stored = new java.util.LinkedHashMap<>();
            for (var output : result.outputs().entrySet()) {
                stored.put(output.getKey(), materialise(compiled.program().tensor(output.getKey()), output.getValue()));
            }
            int position = groups.size();
            groups.add(new GroupResult(group.index(), group.order().name(),
                    result.withOutputs(skipped == null ? stored : Map.of())));
            total = total == null ? result.statistics() : total.plus(result.statistics());
            produced.putAll(stored);
            tensors.putAll(stored);
            if (skipped != null) {
                produced.keySet().removeIf(name -> lastReader.getOrDefault(name, -1) <= position);
                tensors.keySet().removeIf(name -> !inputs.containsKey(name) && !produced.containsKey(name));
            }
        }
        if (skipped != null) {
            return new RunResult(total, groups, List.of(), (System.nanoTime() - start) / 1e6, skipped);
        }
        progress.update(VERIFYING, tokensBefore, ProgressListener.UNKNOWN);
        Map<String, ReferenceTensor> reference = new ReferenceEvaluator(cancelled).evaluate(compiled.program(), inputs,
                produced.keySet());
        List<Verification> verifications = new ArrayList<>();
        for (var entry : reference.entrySet()) {
            FiberTensor simulated = produced.get(entry.getKey());
            if (simulated != null) {
                verifications.add(Verification.compare(entry.getValue(), simulated));
            }
        }
        return new RunResult(total, groups, verifications, (System.nanoTime() - start) / 1e6);
    }

    /** Whether every tensor the group reads from outside itself is an input of the program. */
    static boolean readsOnlyInputs(CompiledProgram compiled, CompiledGroup group) {
        List<String> inputs = compiled.program().inputs();
        java.util.Set<String> written = new java.util.HashSet<>();
        for (int assignment : group.assignments()) {
            var a = compiled.program().assignments().get(assignment);
            for (var operand : a.operands()) {
                if (!written.contains(operand.tensor()) && !inputs.contains(operand.tensor())) {
                    return false;
                }
            }
            written.add(a.target().tensor());
        }
        return true;
    }

    /** For each tensor a group reads, the position of the last group that reads it. */
    private static Map<String, Integer> lastReaders(CompiledProgram compiled) {
        Map<String, Integer> last = new HashMap<>();
        for (int position = 0; position < compiled.groups().size(); position++) {
            for (int assignment : compiled.groups().get(position).assignments()) {
                for (var operand : compiled.program().assignments().get(assignment).operands()) {
                    last.put(operand.tensor(), position);
                }
            }
        }
        return last;
    }

    /** The share of the heap the references of all runs in progress may take before a check is skipped. */
    static final double REFERENCE_HEAP_SHARE = 0.4;

    /** Runs in progress in this JVM (a sweep's threads), which share the reference's share of the heap. */
    private static final java.util.concurrent.atomic.AtomicInteger ACTIVE_RUNS = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * Why the outputs cannot be checked against the CPU reference at this size (its entries would not fit in
     * the heap beside the run), or null when they can. {@code inputEntries} gives each input's stored-entry
     * count (an estimate before the inputs exist). Public so a memory estimate made before a run can tell
     * whether the reference will be built.
     */
    public static String referenceTooLarge(dev.fuseflow.compiler.ir.Program program,
            java.util.function.ToLongFunction<String> inputEntries) {
        long bytes;
        try {
            bytes = ReferenceEvaluator.estimatedBytes(program, inputEntries);
        } catch (ArithmeticException e) {
            bytes = Long.MAX_VALUE;
        }
        int sharing = Math.max(1, ACTIVE_RUNS.get());
        long budget = (long) (Runtime.getRuntime().maxMemory() * REFERENCE_HEAP_SHARE / sharing);
        if (bytes <= budget) {
            return null;
        }
        return String.format(java.util.Locale.ROOT, "the CPU reference would need %.1f GB, more than %.0f%% of "
                + "the %.1f GB heap%s; the values were not checked (a smaller --scale checks them)", bytes / 1e9,
                REFERENCE_HEAP_SHARE * 100, Runtime.getRuntime().maxMemory() / 1e9,
                sharing == 1 ? "" : " shared by " + sharing + " runs in progress");
    }

    /** A group output rebuilt in the formats and mode order the program declares for it ({@link DeclaredStorage}). */
    static FiberTensor materialise(TensorDecl decl, FiberTensor written) {
        return DeclaredStorage.of(decl, written);
    }
}
