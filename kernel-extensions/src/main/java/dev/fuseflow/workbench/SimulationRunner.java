package dev.fuseflow.workbench;

import dev.fuseflow.compiler.CompiledProgram;
import dev.fuseflow.compiler.run.BlockProgramRunner;
import dev.fuseflow.compiler.run.ProgramRunner;
import dev.fuseflow.compiler.run.RunResult;
import dev.fuseflow.compiler.run.SharedGroups;
import dev.fuseflow.compiler.zoo.DecoderComposition;
import dev.fuseflow.diagnostics.UserError;
import dev.fuseflow.simulator.engine.SimulationCancelledException;
import dev.fuseflow.simulator.engine.EngineOptions;
import dev.fuseflow.simulator.engine.Simulator;
import dev.fuseflow.simulator.engine.TimingProfile;
import dev.fuseflow.simulator.engine.ValueMode;
import dev.fuseflow.simulator.memory.MemorySpec;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Runs {@code simulate}: resolves model and dataset, compiles, simulates, verifies, builds the report. */
final class SimulationRunner {
    private SimulationRunner() {
    }

    static CommandOutput run(SimulateCommand command, BooleanSupplier cancelled, Progress progress,
            MemoryBudget budget) {
        EngineOptions options = engineOptions(command.timing, command.fifo, command.memory);
        options = withValues(options, command.program.values, command.program.block);
        if (command.decoders != null && !command.program.model.equals(ComposedDecoders.MODEL)) {
            throw UserError.of("--decoders applies to " + ComposedDecoders.MODEL + " only, not to "
                    + command.program.model);
        }
        if (command.json && command.csv) {
            throw UserError.of("--json and --csv exclude each other; choose one");
        }
        ResolvedModel.Bound bound = ResolvedModel.forSimulation(command.program, command.data, budget);
        SimulationReport report = simulate(command.program.model, bound, command.program.order, options,
                command.decoders, cancelled, progress);
        String text = command.json ? report.json() : command.csv ? report.csv()
                : warningLines(bound.resolved().warnings) + report.text();
        if (command.output != null) {
            OutputFiles.writeNew(command.output, command.csv ? report.csv() : report.json());
        }
        return report.output(text);
    }

    /**
     * One configuration, the unit simulate runs once and a sweep runs per grid point: compile the bound model
     * under {@code orderSpec} (blocked into b×b tiles for true-block values), simulate it under {@code options},
     * compose {@code decoders} GPT-3 decoders when given, verify it and report.
     *
     * @throws CancelledException when {@code cancelled} turns true during the simulation
     */
    static SimulationReport simulate(String modelSpec, ResolvedModel.Bound bound, String orderSpec,
            EngineOptions options, Integer decoders, BooleanSupplier cancelled) {
        return simulate(modelSpec, bound, orderSpec, options, decoders, cancelled, Progress.NONE);
    }

    /**
     * As {@link #simulate(String, ResolvedModel.Bound, String, EngineOptions, Integer, BooleanSupplier)},
     * reporting to {@code progress} as the {@value SimulationProgress#TASK} task ({@link SimulationProgress}).
     */
    static SimulationReport simulate(String modelSpec, ResolvedModel.Bound bound, String orderSpec,
            EngineOptions options, Integer decoders, BooleanSupplier cancelled, Progress progress) {
        return simulate(modelSpec, bound, orderSpec,
                () -> compile(bound, orderSpec, options.values() == ValueMode.TRUE_BLOCK, options.blockSize()),
                options, decoders, cancelled, progress);
    }

    /**
     * As {@link #simulate(String, ResolvedModel.Bound, String, EngineOptions, Integer, BooleanSupplier)}, running
     * the program {@code compiledProgram} supplies, which must be {@link #compile} of the same bound model, order
     * and value mode (a sweep passes the one it compiled for the cost model). It is asked for where simulate would
     * compile, after the options are checked, so a configuration fails with the same error either way.
     */
    static SimulationReport simulate(String modelSpec, ResolvedModel.Bound bound, String orderSpec,
            Supplier<CompiledProgram> compiledProgram, EngineOptions options, Integer decoders,
            BooleanSupplier cancelled) {
        return simulate(modelSpec, bound, orderSpec, compiledProgram, options, decoders, cancelled, Progress.NONE);
    }

    /**
     * The program {@code simulate} runs for {@code bound} under {@code orderSpec}: blocked into
     * {@code blockSize}² tiles when {@code tiles} (true-block values), else the scalar program with {@code auto}
     * orders chosen by the cost model on the inputs (block-timing changes only latencies, so it runs that too).
     */
    static CompiledProgram compile(ResolvedModel.Bound bound, String orderSpec, boolean tiles, int blockSize) {
        return tiles ? bound.resolved().compileBlocked(orderSpec, blockSize)
                : bound.resolved().compile(orderSpec, bound.inputs());
    }

    private static SimulationReport simulate(String modelSpec, ResolvedModel.Bound bound, String orderSpec,
            Supplier<CompiledProgram> compiledProgram, EngineOptions options, Integer decoders,
            BooleanSupplier cancelled, Progress progress) {
        DecoderComposition composition = decoders == null ? null : ComposedDecoders.plan(bound.resolved(), decoders);
        boolean tiles = options.values() == ValueMode.TRUE_BLOCK;
        if (tiles && composition != null) {
            throw UserError.of("--decoders composes scalar or block-timing runs; --values true-block runs one "
                    + "decoder, so leave out --decoders or use --values block-timing");
        }
        // GPT-3's block-timing runs put the block-sized groups on the mask's block grid, the rest at element level
        BlockTimedAttention split = BlockTimedAttention.applies(bound.resolved(), options)
                ? BlockTimedAttention.plan(bound, orderSpec, options) : null;
        CompiledProgram compiled = split == null ? compiledProgram.get() : split.element();
        CompiledProgram lastTail = composition == null ? null
                : ComposedDecoders.lastTail(composition, bound.resolved(), orderSpec);
        Simulator simulator = new Simulator(options);
        Simulator elementSimulator = split == null ? simulator
                : new Simulator(BlockTimedAttention.elementOptions(options));
        List<Integer> programs = new java.util.ArrayList<>(split == null ? List.of(compiled.groups().size())
                : List.of(split.elementGroupCount(), split.blockGroupCount()));
        if (lastTail != null) {
            programs.add(lastTail.groups().size());
        }
        SimulationProgress steps = new SimulationProgress(progress, programs.stream().mapToInt(i -> i).toArray());
        RunResult result;
        ComposedDecoders composed = null;
        try {
            if (split != null) {
                result = split.run(elementSimulator, simulator, bound.inputs(), cancelled, steps);
            } else if (tiles) {
                result = new BlockProgramRunner(simulator).run(compiled, bound.resolved().program, bound.inputs(),
                        options.blockSize(), cancelled, steps);
            } else {
                result = new ProgramRunner(simulator).run(compiled, bound.inputs(), cancelled, steps);
            }
            if (composition != null) {
                // the tail runs element by element: in block-timing mode it is the same for every block size
                String sharedTail = split == null || lastTail == null ? null : split.sharedKey(lastTail);
                SharedGroups groups = split == null ? SharedGroups.NONE : split.sharedGroups(cancelled);
                composed = ComposedDecoders.compose(composition, lastTail, bound.inputs(), result, elementSimulator,
                        sharedTail, groups, cancelled, steps.then(ComposedDecoders.TAIL, result.total().tokens()));
            }
        } catch (SimulationCancelledException | java.util.concurrent.CancellationException e) {
            // the engine's cancel flag, or the reference evaluation's (verification follows the simulation)
            throw new CancelledException("the simulation of " + modelSpec);
        }
        steps.finished(result.total().tokens() + (composed == null || composed.lastResult() == null ? 0
                : composed.lastResult().total().tokens()), result.checked());
        SimulationReport report = new SimulationReport(modelSpec, bound.datasetSpec(), compiled, result, composed,
                options.timing().toString(), options.memory().toString(), options.values().toString(),
                options.blockSize());
        if (split != null) {
            // which groups streamed the mask's blocks and which streamed elements
            report.labelGroups("values", (group, last) -> !last && split.blockSized(group)
                    ? ValueMode.BLOCK_TIMING.toString() : ValueMode.SCALAR.toString());
        }
        return report;
    }

    /** Warnings about how the model was read, one line each, before the text report. */
    static String warningLines(List<String> warnings) {
        StringBuilder out = new StringBuilder();
        warnings.forEach(w -> out.append("warning: ").append(w).append('\n'));
        return out.toString();
    }

    /** The block sizes of Comal's block entry points ({@code run_graph_block16/32/64}, comal-timing-model.md §9.2). */
    static final List<Integer> BLOCK_SIZES = List.of(16, 32, 64);

    /**
     * {@code --values} and {@code --block} on top of the other engine options; a bad value or combination is
     * a user error. Block-timing changes only timing, so it runs any model; true-block compiles the program
     * blocked into b×b tiles (SparsityBlocking), which refuses what tiles cannot express.
     */
    static EngineOptions withValues(EngineOptions options, String values, Integer block) {
        ValueMode mode = valueMode(values, block);
        if (mode == ValueMode.SCALAR) {
            return options;
        }
        if (options.synchronised()) {
            // Comal's block builders never create its memory model (comal-timing-model.md §5).
            throw UserError.of("--values " + mode + " runs without a memory model, as Comal's block builders do; "
                    + "use --memory none");
        }
        return options.withValues(mode, block);
    }

    /**
     * The value mode of {@code --values} and {@code --block}, checked for the compiler too: the compiled
     * program is the scalar one for every mode it accepts (block-timing changes only latencies).
     */
    static ValueMode valueMode(String values, Integer block) {
        ValueMode mode;
        try {
            mode = ValueMode.parse(values);
        } catch (IllegalArgumentException e) {
            throw UserError.of("value mode '" + values + "' is unknown", ValueMode.ACCEPTED);
        }
        if (mode == ValueMode.SCALAR) {
            if (block != null) {
                throw UserError.of("--block " + block + " applies to --values block-timing or true-block only");
            }
            return mode;
        }
        if (block == null || !BLOCK_SIZES.contains(block)) {
            throw UserError.of("--values " + mode + " needs --block B with one of Comal's block sizes"
                    + (block == null ? "" : ", not " + block), BLOCK_SIZES.stream().map(String::valueOf).toList());
        }
        return mode;
    }

    /** {@code --timing}, {@code --fifo} and {@code --memory} as engine options; a bad value is a user error. */
    static EngineOptions engineOptions(String timing, Integer fifo, String memory) {
        TimingProfile profile;
        try {
            profile = TimingProfile.parse(timing);
        } catch (IllegalArgumentException e) {
            throw UserError.of("timing profile '" + timing + "' is unknown", TimingProfile.ACCEPTED);
        }
        if (fifo != null && profile != TimingProfile.BOUNDED) {
            throw UserError.of("--fifo applies to --timing bounded only (the comal profile has unbounded FIFOs)");
        }
        if (fifo != null && fifo < EngineOptions.MIN_FIFO_DEPTH) {
            throw UserError.of("--fifo must be an integer of at least " + EngineOptions.MIN_FIFO_DEPTH + ", not " + fifo);
        }
        MemorySpec spec;
        try {
            spec = MemorySpec.parse(memory);
        } catch (IllegalArgumentException e) {
            throw UserError.of(e.getMessage());
        }
        int depth = fifo == null ? EngineOptions.DEFAULT_FIFO_DEPTH : fifo;
        return EngineOptions.DEFAULT.withTiming(profile, depth).withMemory(spec);
    }
}
