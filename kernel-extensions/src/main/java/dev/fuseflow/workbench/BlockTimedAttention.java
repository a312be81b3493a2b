package dev.fuseflow.workbench;

import dev.fuseflow.compiler.CompiledGroup;
import dev.fuseflow.compiler.CompiledProgram;
import dev.fuseflow.compiler.Compiler;
import dev.fuseflow.compiler.cost.CostModel;
import dev.fuseflow.compiler.ir.Program;
import dev.fuseflow.compiler.reference.Verification;
import dev.fuseflow.compiler.run.GroupResult;
import dev.fuseflow.compiler.run.ProgramRunner;
import dev.fuseflow.compiler.run.RunResult;
import dev.fuseflow.compiler.run.SharedGroups;
import dev.fuseflow.compiler.schedule.Schedule;
import dev.fuseflow.compiler.zoo.Gpt3BigBirdModel;
import dev.fuseflow.compiler.zoo.InputSource;
import dev.fuseflow.datasets.Dataset;
import dev.fuseflow.datasets.DatasetSpec;
import dev.fuseflow.diagnostics.UserError;
import dev.fuseflow.simulator.engine.EngineOptions;
import dev.fuseflow.simulator.engine.ProgressListener;
import dev.fuseflow.simulator.engine.Simulator;
import dev.fuseflow.simulator.engine.ValueMode;
import dev.fuseflow.simulator.stats.Statistics;
import dev.fuseflow.simulator.tensor.FiberTensor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * zoo:gpt3-bigbird under {@code --values block-timing}, run the way the paper's artifact runs it
 * (paper-results.md §2.1, "Block-size dependence"; comal-timing-model.md §5):
 * <ul>
 * <li>the groups that take a block size ({@link Gpt3BigBirdModel#blockSized}: the fused attention, or the unfused
 * mask, scale, softmax and ·V kernels) run on the BigBird <em>block grid</em>, one token per b×b block
 * ({@link Gpt3BigBirdModel#blockGrid}), with Comal's block latencies ({@code run_graph_blockN});</li>
 * <li>every other group (LayerNorms, projections, FFN, residuals and the unfused QKᵀ) runs element by element with
 * scalar timing, the same for every block size.</li>
 * </ul>
 * Streaming every element with b² latencies instead made the dense projections b² slower and the three block
 * sizes 4.6× apart, where the paper's are 1.04× apart. The two parts share no tensor (the attention's output
 * feeds nothing; {@code Att} is an input of its own), so each is a program of its own, restricted to its groups;
 * a tensor a block-sized group reads from an element group (the unfused mask kernel's scores) is an input of the
 * block program, generated as the artifact generates each kernel's inputs. The group results come back merged in
 * schedule order, so {@code --decoders} composes them as any run's.
 */
final class BlockTimedAttention {
    /** Progress labels of the two programs. */
    static final String ELEMENT_LABEL = "element level, ";
    static final String BLOCK_LABEL = "block grid, ";

    private final List<Integer> elementGroups;
    private final List<Integer> blockGroups;
    private final CompiledProgram element;
    private final CompiledProgram blocks;
    private final Map<String, FiberTensor> blockInputs;
    /** What determines the element-level run, or null when it is not shared. */
    private final String elementKey;
    private final ResolvedModel.Bound bound;
    private final EngineOptions elementOptions;

    private BlockTimedAttention(ResolvedModel.Bound bound, EngineOptions elementOptions, List<Integer> elementGroups,
            List<Integer> blockGroups, CompiledProgram element, CompiledProgram blocks,
            Map<String, FiberTensor> blockInputs, String elementKey) {
        this.bound = bound;
        this.elementOptions = elementOptions;
        this.elementKey = elementKey;
        this.elementGroups = elementGroups;
        this.blockGroups = blockGroups;
        this.element = element;
        this.blocks = blocks;
        this.blockInputs = blockInputs;
    }

    /** Whether a run of this model under these options is split this way. */
    static boolean applies(ResolvedModel resolved, EngineOptions options) {
        return resolved.model instanceof Gpt3BigBirdModel && options.values() == ValueMode.BLOCK_TIMING;
    }

    /**
     * The two programs of {@code bound} under its schedule, compiled ({@code auto} orders chosen on each one's
     * inputs), with the block grid's inputs made from the same dataset and seed. {@code latencyBlock} is
     * {@code --block}; it must be the mask's block size, since the grid is the mask's.
     */
    static BlockTimedAttention plan(ResolvedModel.Bound bound, String orderSpec, EngineOptions options) {
        int latencyBlock = options.blockSize();
        ResolvedModel resolved = bound.resolved();
        Gpt3BigBirdModel model = (Gpt3BigBirdModel) resolved.model;
        Dataset dataset = bound.dataset().orElseThrow(() -> new IllegalStateException("zoo model without a dataset"));
        Integer gridBlock = dataset.dimensions().get("block");
        if (gridBlock == null) {
            throw UserError.of("--values block-timing runs zoo:gpt3-bigbird's attention on the mask's block grid, "
                    + "but dataset '" + dataset.spec() + "' gives no block size", List.of("bigbird:block=" + latencyBlock));
        }
        Optional<Integer> maskBlock = maskBlock(bound);
        if (maskBlock.isPresent() && maskBlock.get() != latencyBlock) {
            throw UserError.of("--block " + latencyBlock + " does not match the mask's block size " + maskBlock.get()
                    + " (" + dataset.spec() + "); block-timing runs the attention on the mask's blocks, so give both "
                    + "the same size");
        }
        Schedule schedule = resolved.schedule;
        List<Integer> elementGroups = new ArrayList<>();
        List<Integer> blockGroups = new ArrayList<>();
        for (int g = 0; g < schedule.groups().size(); g++) {
            (model.blockSized(schedule.groups().get(g)) ? blockGroups : elementGroups).add(g);
        }
        int seq = resolved.program.tensor("Xin").shape().get(0);
        Program fullGrid = model.blockGrid(seq, gridBlock);
        Program grid = fullGrid.restrictedTo(fullGrid.name(), schedule.assignmentsOf(blockGroups));
        Map<String, FiberTensor> gridInputs = bound.inputsFor(grid);
        CompiledProgram blocks = compile(resolved, grid, schedule.restrictedTo(blockGroups),
                GroupOrders.restricted(orderSpec, blockGroups), gridInputs);
        Program dense = resolved.program.restrictedTo(resolved.program.name() + "_element",
                schedule.assignmentsOf(elementGroups));
        CompiledProgram element = compile(resolved, dense, schedule.restrictedTo(elementGroups),
                GroupOrders.restricted(orderSpec, elementGroups), bound.inputs());
        return new BlockTimedAttention(bound, elementOptions(options), elementGroups, blockGroups, element, blocks,
                gridInputs, sharedKey(bound, element, elementOptions(options)));
    }

    /**
     * What determines a run of {@code compiled}, a program of {@code bound}'s zoo model, under {@code options}: the
     * program, its groups and their chosen orders, the parallelization and the engine options, and the inputs. The
     * inputs must all be generated weights and activations, which the seed and their source fix; a program that
     * reads a dataset part is not shared (null).
     */
    private static String sharedKey(ResolvedModel.Bound bound, CompiledProgram compiled, EngineOptions options) {
        Program program = compiled.program();
        StringBuilder key = keyOfInputs("fuseflow shared run", bound, options, program, program.inputs());
        if (key == null) {
            return null;
        }
        key.append("schedule=").append(compiled.schedule()).append('\n').append("orders=");
        compiled.groups().forEach(g -> key.append(g.order().name()).append(' '));
        return key.append('\n').append("par=").append(bound.resolved().parallelization).append('\n')
                .append("program=\n").append(program).toString();
    }

    /**
     * The start of a shared run's key: the build, model, seed and engine options, then each of {@code read} that is
     * an input of {@code program} with its declaration and source; null when one is not generated weights or
     * activations (a dataset part, which the key cannot name).
     */
    private static StringBuilder keyOfInputs(String kind, ResolvedModel.Bound bound, EngineOptions options,
            Program program, java.util.Collection<String> read) {
        Map<String, InputSource> sources = bound.resolved().model.inputs(program);
        StringBuilder key = new StringBuilder(kind).append('\n')
                .append("build=").append(BuildIdentity.identity()).append('\n')
                .append("model=zoo:").append(bound.resolved().model.name()).append('\n')
                .append("seed=").append(bound.seed()).append('\n')
                .append("engine=").append(options).append('\n');
        List<String> inputs = program.inputs();
        for (String tensor : read) {
            if (inputs.contains(tensor)) {
                if (!(sources.get(tensor) instanceof InputSource.Weights weights)) {
                    return null;
                }
                key.append("input ").append(program.tensor(tensor)).append(" = ").append(weights).append('\n');
            }
        }
        return key;
    }

    /**
     * The block size a zoo:gpt3-bigbird run's mask names ({@code bigbird:block=B}, before {@code --scale}), or empty
     * for another model or a dataset without one.
     */
    static Optional<Integer> maskBlock(ResolvedModel.Bound bound) {
        if (!(bound.resolved().model instanceof Gpt3BigBirdModel) || bound.dataset().isEmpty()) {
            return Optional.empty();
        }
        DatasetSpec spec = DatasetSpec.parse(bound.dataset().get().spec());
        return spec.has("block") ? Optional.of(spec.positiveInt("block", 0)) : Optional.empty();
    }

    private static CompiledProgram compile(ResolvedModel resolved, Program program, Schedule schedule,
            String orderSpec, Map<String, FiberTensor> inputs) {
        return Compiler.compile(program, resolved.fusion, schedule, orderSpec, resolved.parallelization,
                CostModel.measured(program, inputs));
    }

    /** The element-level program: the groups that take no block size. */
    CompiledProgram element() {
        return element;
    }

    /** Whether the schedule's group {@code group} ran on the block grid. */
    boolean blockSized(int group) {
        return blockGroups.contains(group);
    }

    int elementGroupCount() {
        return elementGroups.size();
    }

    int blockGroupCount() {
        return blockGroups.size();
    }

    /**
     * Where element-level runs of {@code bound} under {@code options} take the groups that read only their program's
     * inputs ({@link SharedRuns#GROUPS}): the tail of the partial preset is the full preset's last decoder, the
     * first part the same in both.
     */
    private static SharedGroups sharedGroups(ResolvedModel.Bound bound, EngineOptions options,
            BooleanSupplier cancelled) {
        return (program, group, simulate) -> {
            String key = groupKey(bound, program, group, options);
            return key == null ? simulate.get() : SharedRuns.GROUPS.get(key, simulate, cancelled);
        };
    }

    /**
     * What determines the simulation of {@code group}, which reads only inputs of {@code program}: its graph (every
     * primitive with its parameters and streams, and the outputs it writes), the inputs it reads (declaration and
     * source; only generated weights and activations, else null: not shared), the seed and the engine options. Hashed,
     * since a fused group's graph is long.
     */
    private static String groupKey(ResolvedModel.Bound bound, Program program, CompiledGroup group,
            EngineOptions options) {
        java.util.Set<String> read = new java.util.TreeSet<>();
        for (int assignment : group.assignments()) {
            program.assignments().get(assignment).operands().forEach(a -> read.add(a.tensor()));
        }
        StringBuilder key = keyOfInputs("fuseflow shared group", bound, options, program, read);
        if (key == null) {
            return null;
        }
        group.graph().ops().forEach(op -> key.append(op).append('\n'));
        group.graph().streams().values().forEach(stream -> key.append(stream).append('\n'));
        key.append("outputs=").append(group.graph().outputs());
        return ResultCache.hash(key.toString());
    }

    /**
     * The key under which an element-level run of {@code compiled}, another program of this model (the last decoder's
     * tail), is shared; null when it is not.
     */
    String sharedKey(CompiledProgram compiled) {
        return sharedKey(bound, compiled, elementOptions);
    }

    /** Where this run's element-level programs take the groups that read only their inputs. */
    SharedGroups sharedGroups(BooleanSupplier cancelled) {
        return sharedGroups(bound, elementOptions, cancelled);
    }

    /** The options of the element-level groups: {@code options} with scalar values. */
    static EngineOptions elementOptions(EngineOptions options) {
        return options.withValues(ValueMode.SCALAR, 1);
    }

    /**
     * Runs the element-level groups with {@code elementSimulator} on {@code inputs} (the decoder's) and the
     * block-sized ones with {@code blockSimulator} on the block grid; the merged result has every group of the
     * schedule, in schedule order, numbered as in the schedule.
     */
    RunResult run(Simulator elementSimulator, Simulator blockSimulator, Map<String, FiberTensor> inputs,
            BooleanSupplier cancelled, SimulationProgress steps) {
        SharedGroups groups = sharedGroups(cancelled);
        Supplier<RunResult> elementRuns = () -> new ProgramRunner(elementSimulator, groups).run(element, inputs,
                cancelled, steps.then(ELEMENT_LABEL, 0));
        // the same for every block size: a sweep or notebook over block sizes simulates it once
        RunResult elementRun = elementKey == null ? elementRuns.get()
                : SharedRuns.PROGRAMS.get(elementKey, elementRuns, cancelled);
        ProgressListener blockProgress = steps.then(BLOCK_LABEL, elementRun.total().tokens());
        RunResult blockRun = new ProgramRunner(blockSimulator).run(blocks, blockInputs, cancelled, blockProgress);
        return merged(elementRun, blockRun);
    }

    private RunResult merged(RunResult elementRun, RunResult blockRun) {
        List<GroupResult> groups = new ArrayList<>();
        elementRun.groups().forEach(g -> groups.add(renumbered(g, elementGroups)));
        blockRun.groups().forEach(g -> groups.add(renumbered(g, blockGroups)));
        groups.sort(Comparator.comparingInt(GroupResult::group));
        Statistics total = elementRun.total().plus(blockRun.total());
        List<Verification> verifications = new ArrayList<>(elementRun.verifications());
        verifications.addAll(blockRun.verifications());
        String skipped = elementRun.verificationSkipped() != null ? elementRun.verificationSkipped()
                : blockRun.verificationSkipped();
        return new RunResult(total, groups, verifications, elementRun.wallMillis() + blockRun.wallMillis(), skipped);
    }

    private static GroupResult renumbered(GroupResult group, List<Integer> scheduleGroups) {
        return new GroupResult(scheduleGroups.get(group.group()), group.order(), group.simulation());
    }
}
