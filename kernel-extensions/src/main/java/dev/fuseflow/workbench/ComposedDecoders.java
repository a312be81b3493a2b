package dev.fuseflow.workbench;

import dev.fuseflow.compiler.CompiledProgram;
import dev.fuseflow.compiler.Compiler;
import dev.fuseflow.compiler.ir.Program;
import dev.fuseflow.compiler.run.GroupResult;
import dev.fuseflow.compiler.run.ProgramRunner;
import dev.fuseflow.compiler.run.RunResult;
import dev.fuseflow.compiler.run.SharedGroups;
import dev.fuseflow.compiler.schedule.Schedule;
import dev.fuseflow.compiler.zoo.DecoderComposition;
import dev.fuseflow.compiler.zoo.Gpt3BigBirdModel;
import dev.fuseflow.diagnostics.UserError;
import dev.fuseflow.simulator.engine.ProgressListener;
import dev.fuseflow.simulator.engine.Simulator;
import dev.fuseflow.simulator.stats.Statistics;
import dev.fuseflow.simulator.tensor.FiberTensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * {@code simulate --decoders N} (zoo:gpt3-bigbird): the totals of N decoders composed from the groups of
 * one simulated decoder by {@link DecoderComposition}, with the last decoder's tail simulated on its own when
 * the schedule fuses the tail with the next decoder.
 *
 * @param rule         the multiplicities of the schedule's groups
 * @param last         the last decoder's tail as compiled, or null when the schedule's own tail groups serve
 * @param lastResult   its run, or null
 * @param total        the composed statistics
 */
record ComposedDecoders(DecoderComposition rule, CompiledProgram last, RunResult lastResult, Statistics total) {

    /** The model that {@code --decoders} applies to. */
    static final String MODEL = "zoo:gpt3-bigbird";

    /**
     * The composition a command asks for, checked before anything is simulated: {@code --decoders} needs
     * zoo:gpt3-bigbird, a positive N and a schedule whose groups each lie within one decoder part.
     */
    static DecoderComposition plan(ResolvedModel resolved, int decoders) {
        if (!(resolved.model instanceof Gpt3BigBirdModel)) {
            throw UserError.of("--decoders applies to " + MODEL + " only");
        }
        return DecoderComposition.of(Gpt3BigBirdModel.parts(), resolved.schedule, decoders);
    }

    /** The progress label prefix of the last decoder's tail, e.g. {@code last decoder's tail, group 1 of 2}. */
    static final String TAIL = "last decoder's tail, ";

    /**
     * The last decoder's tail compiled, where the rule needs it simulated on its own (the schedule fuses the tail
     * with the next decoder), else null; compiled before anything runs so the progress knows its steps.
     */
    static CompiledProgram lastTail(DecoderComposition rule, ResolvedModel resolved, String orderSpec) {
        Optional<Schedule> lastSchedule = rule.lastSchedule();
        if (lastSchedule.isEmpty()) {
            return null;
        }
        Program tail = rule.lastProgram(resolved.program);
        return Compiler.compile(tail, resolved.fusion + " (last decoder's tail)", lastSchedule.get(),
                lastOrders(rule, orderSpec), resolved.parallelization);
    }

    /**
     * Composes the decoder's run; simulates the {@code last} decoder's tail ({@link #lastTail}) first where there
     * is one, reporting to {@code progress}, shared under {@code sharedKey} ({@link SharedRuns}) unless it is null,
     * its groups taken from {@code sharedGroups} where they read only inputs: in block-timing mode the tail is the same for
     * every block size, and its group the partial preset's tail.
     */
    static ComposedDecoders compose(DecoderComposition rule, CompiledProgram last, Map<String, FiberTensor> inputs,
            RunResult decoder, Simulator simulator, String sharedKey, SharedGroups sharedGroups, BooleanSupplier cancelled,
            ProgressListener progress) {
        RunResult lastResult = null;
        List<Statistics> lastStats = new ArrayList<>();
        if (last != null) {
            java.util.function.Supplier<RunResult> run = () -> new ProgramRunner(simulator, sharedGroups).run(last, inputs,
                    cancelled, progress);
            lastResult = sharedKey == null ? run.get() : SharedRuns.PROGRAMS.get(sharedKey, run, cancelled);
            lastResult.groups().forEach(g -> lastStats.add(g.simulation().statistics()));
        }
        List<Statistics> groups = decoder.groups().stream().map(GroupResult::simulation)
                .map(s -> s.statistics()).toList();
        return new ComposedDecoders(rule, last, lastResult, rule.total(groups, lastStats));
    }

    /** The {@code --order} words for the last decoder's tail: per-group words move with their group. */
    private static String lastOrders(DecoderComposition rule, String orderSpec) {
        List<Integer> sources = new ArrayList<>();
        for (DecoderComposition.Term term : rule.terms()) {
            if (term.part() == DecoderComposition.Part.TAIL || term.part() == DecoderComposition.Part.FUSED_TAIL) {
                sources.add(term.group());
            }
        }
        return GroupOrders.restricted(orderSpec, sources);
    }
}
