package dev.fuseflow.compiler.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuseflow.compiler.CompiledProgram;
import dev.fuseflow.compiler.Compiler;
import dev.fuseflow.compiler.ir.Program;
import dev.fuseflow.compiler.ir.TensorDecl;
import dev.fuseflow.compiler.run.GeneratedInputs;
import dev.fuseflow.compiler.run.GroupResult;
import dev.fuseflow.compiler.run.ProgramRunner;
import dev.fuseflow.compiler.run.RunResult;
import dev.fuseflow.compiler.schedule.Schedule;
import dev.fuseflow.diagnostics.UserError;
import dev.fuseflow.simulator.engine.EngineOptions;
import dev.fuseflow.simulator.engine.Simulator;
import dev.fuseflow.simulator.stats.Statistics;
import dev.fuseflow.simulator.tensor.FiberTensor;
import dev.fuseflow.simulator.tensor.LevelFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** zoo:gpt3-bigbird on tiny sizes: the size rule, the paper's groups, every preset verified, the decoder rule. */
class Gpt3BigBirdModelTest {
    private static final Gpt3BigBirdModel MODEL = new Gpt3BigBirdModel();
    /** seq 32 in blocks of 4: the smallest sizes of the rule (2 heads × 4, d 8, FFN 32). */
    private static final int SEQ = 32;
    private static final int BLOCK = 4;

    private static Program program() {
        return MODEL.program(Map.of("seq", SEQ));
    }

    /** The model's inputs as the workbench binds them: seeded weights at their scales and a BigBird-shaped mask. */
    private static Map<String, FiberTensor> inputs(Program program) {
        Map<String, FiberTensor> inputs = new LinkedHashMap<>();
        Map<String, InputSource> sources = MODEL.inputs(program);
        for (String name : program.inputs()) {
            TensorDecl decl = program.tensor(name);
            if (sources.get(name) instanceof InputSource.Weights w) {
                inputs.put(name, GeneratedInputs.random(decl, w.density(), w.scale(), name.hashCode()));
            } else {
                assertEquals(new InputSource.Part("mask"), sources.get(name));
                inputs.put(name, BlockMasks.mask(decl, BLOCK, 7));
            }
        }
        return inputs;
    }

    private static RunResult run(Program program, String name, Schedule schedule, Map<String, FiberTensor> inputs) {
        CompiledProgram compiled = Compiler.compile(program, name, schedule, "auto");
        return new ProgramRunner(new Simulator(EngineOptions.DEFAULT)).run(compiled, inputs, () -> false);
    }

    @Test
    void sizesFollowTheSequenceScaleWithFloors() {
        assertEquals(new Gpt3BigBirdModel.Sizes(1024, 12, 64, 768, 3072), Gpt3BigBirdModel.sizes(1024));
        assertEquals(new Gpt3BigBirdModel.Sizes(512, 6, 32, 192, 768), Gpt3BigBirdModel.sizes(512));
        assertEquals(new Gpt3BigBirdModel.Sizes(64, 2, 4, 8, 32), Gpt3BigBirdModel.sizes(64));
        assertEquals(new Gpt3BigBirdModel.Sizes(32, 2, 4, 8, 32), Gpt3BigBirdModel.sizes(32));
        assertThrows(UserError.class, () -> Gpt3BigBirdModel.sizes(0));
    }

    @Test
    void everyInputHasASourceAndWeightsScaleWithFanIn() {
        Program program = program();
        Map<String, InputSource> sources = MODEL.inputs(program);
        assertEquals(new java.util.HashSet<>(program.inputs()), sources.keySet());
        assertEquals(new InputSource.Weights(1.0, 1 / Math.sqrt(8)), sources.get("Wqkv"));
        assertEquals(new InputSource.Weights(1.0, 1 / Math.sqrt(32)), sources.get("W2"));
        assertEquals(new InputSource.Weights(1.0, 1 / Math.sqrt(768)), MODEL.inputs().get("Wo"));
        assertEquals(List.of(LevelFormat.COMPRESSED, LevelFormat.COMPRESSED), program.tensor("M").formats());
    }

    /** Each preset's groups as the paper's step numbers. */
    private static List<List<Integer>> paperGroups(Schedule schedule) {
        List<List<Integer>> groups = new ArrayList<>();
        for (List<Integer> group : schedule.groups()) {
            groups.add(group.stream().map(MODEL::paperStep).distinct().toList());
        }
        return groups;
    }

    private static List<Integer> steps(int from, int to) {
        return java.util.stream.IntStream.rangeClosed(from, to).boxed().toList();
    }

    @Test
    void presetsAreThePapersGroups() {
        Map<String, Schedule> presets = MODEL.presets(program());
        assertEquals(List.of("unfused", "partial", "full"), List.copyOf(presets.keySet()));
        List<List<Integer>> unfused = new ArrayList<>();
        steps(1, 20).forEach(step -> unfused.add(List.of(step)));
        unfused.add(List.of(20));
        assertEquals(unfused, paperGroups(presets.get("unfused")), "18 kernels, then the next LN, projection, bias");
        assertEquals(List.of(steps(1, 3), steps(4, 8), steps(9, 18), steps(19, 20)),
                paperGroups(presets.get("partial")));
        assertEquals(List.of(steps(1, 3), steps(4, 8), steps(9, 20)), paperGroups(presets.get("full")));
        String card = MODEL.card(program());
        assertTrue(card.contains("[paper #20]") && card.contains("2 heads x 4") && card.contains("full     groups="),
                card);
    }

    @Test
    void theKernelsThatTakeABlockSizeAreMaskScaleSoftmaxAndValue() {
        Map<String, Schedule> presets = MODEL.presets(program());
        List<Boolean> unfused = presets.get("unfused").groups().stream().map(MODEL::blockSized).toList();
        List<Boolean> expected = new ArrayList<>();
        for (int group = 0; group < unfused.size(); group++) {
            expected.add(group >= 4 && group <= 7); // #5 mask, #6 scale, #7 softmax, #8 ·V; #4 QKᵀ runs without
        }
        assertEquals(expected, unfused);
        for (String fused : List.of("partial", "full")) {
            assertEquals(List.of(false, true, false), presets.get(fused).groups().stream().limit(3)
                    .map(MODEL::blockSized).toList(), fused);
        }
    }

    @Test
    void theBlockGridDividesSequenceAndHeadDimensionByTheBlock() {
        // GPT-3 Small: 1024 tokens, 12 heads × 64; blocks of 16 give a 64×64 grid and 4 head blocks, of 64 a 16×16
        // grid and one
        Program grid16 = MODEL.blockGrid(1024, 16);
        assertEquals(List.of(12, 64, 4), grid16.tensor("Q").shape());
        assertEquals(List.of(64, 64), grid16.tensor("M").shape());
        assertEquals(List.of(12, 64, 64), grid16.tensor("P").shape());
        Program grid64 = MODEL.blockGrid(1024, 64);
        assertEquals(List.of(12, 16, 1), grid64.tensor("V").shape());
        assertEquals(List.of(12, 16, 1), grid64.tensor("O").shape());
        assertEquals(new InputSource.Part(Gpt3BigBirdModel.BLOCK_MASK_PART), MODEL.inputs(grid64).get("M"));
        assertEquals(new InputSource.Part("mask"), MODEL.inputs(program()).get("M"));
        assertThrows(UserError.class, () -> MODEL.blockGrid(1024, 48));
    }

    @Test
    void theBlockSizedKernelsRunOnTheGridAsAProgramOfTheirOwn() {
        // the unfused mask..·V kernels cut from the grid: the scores QKᵀ would make become an input, generated
        Schedule unfused = MODEL.presets(program()).get("unfused");
        List<Integer> blockGroups = List.of(4, 5, 6, 7);
        Program grid = MODEL.blockGrid(SEQ, BLOCK);
        Program kernels = grid.restrictedTo(grid.name(), unfused.assignmentsOf(blockGroups));
        assertEquals(List.of("Sc", "M", "V"), kernels.inputs());
        assertEquals(new InputSource.Weights(1.0, 1.0), MODEL.inputs(kernels).get("Sc"));
        Schedule schedule = unfused.restrictedTo(blockGroups);
        assertEquals(List.of(List.of(0), List.of(1), List.of(2, 3, 4, 5), List.of(6)), schedule.groups());
        Map<String, FiberTensor> inputs = new HashMap<>();
        for (String name : kernels.inputs()) {
            TensorDecl decl = kernels.tensor(name);
            inputs.put(name, name.equals("M") ? BlockMasks.mask(decl, 1, 7)
                    : GeneratedInputs.random(decl, 1.0, 1.0, name.hashCode()));
        }
        RunResult result = run(kernels, "unfused", schedule, inputs);
        assertTrue(result.verified(), result.verifications().toString());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"unfused", "partial", "full"})
    void presetCompilesSimulatesAndVerifies(String preset) {
        Program program = program();
        RunResult result = run(program, preset, MODEL.presets(program).get(preset), inputs(program));
        assertTrue(result.verified(), preset + ": " + result.verifications());
        assertTrue(result.total().flops() > 0 && result.total().cycles() > 0);
        // the decoder's output (R2) and the next decoder's projection (Qn) are both checked where written
        assertTrue(result.verifications().stream().anyMatch(v -> v.tensor().equals("Qn")), result.verifications().toString());
    }

    @Test
    void decoderRuleMultipliesEachPartAndRefusesWhatItCannotCompose() {
        DecoderParts parts = Gpt3BigBirdModel.parts();
        Program program = program();
        Map<String, Schedule> presets = MODEL.presets(program);
        DecoderComposition partial = DecoderComposition.of(parts, presets.get("partial"), 12);
        assertEquals(List.of(1L, 12L, 12L, 11L), partial.terms().stream().map(DecoderComposition.Term::multiplicity).toList());
        assertTrue(partial.lastSchedule().isEmpty());
        DecoderComposition full = DecoderComposition.of(parts, presets.get("full"), 12);
        assertEquals(List.of(1L, 12L, 11L), full.terms().stream().map(DecoderComposition.Term::multiplicity).toList());
        assertEquals(DecoderComposition.Part.FUSED_TAIL, full.terms().get(2).part());
        int tail = parts.tail().to() - parts.tail().from();
        assertEquals(List.of(steps(0, tail - 1)), full.lastSchedule().orElseThrow().groups());
        assertEquals(program.assignments().subList(parts.tail().from(), parts.tail().to()),
                full.lastProgram(program).assignments());
        DecoderComposition unfused = DecoderComposition.of(parts, presets.get("unfused"), 3);
        long firsts = unfused.terms().stream().filter(t -> t.part() == DecoderComposition.Part.FIRST).count();
        assertEquals(3, firsts);
        assertTrue(unfused.terms().stream().allMatch(t -> t.multiplicity() == switch (t.part()) {
            case FIRST -> 1;
            case ATTENTION, TAIL -> 3;
            default -> 2;
        }));

        UserError zero = assertThrows(UserError.class, () -> DecoderComposition.of(parts, presets.get("partial"), 0));
        assertTrue(zero.getMessage().contains("--decoders must be a positive number of decoders"), zero.getMessage());
        assertFalse(zero.getMessage().contains("\n"));
        Schedule across = Schedule.parse("groups=0-7,8-13,14-26,27-32", program.assignments().size());
        UserError spans = assertThrows(UserError.class, () -> DecoderComposition.of(parts, across, 12));
        assertTrue(spans.getMessage().contains("group g0 (assignments 0-7) does not"), spans.getMessage());
    }

    private static List<Statistics> stats(RunResult result) {
        return result.groups().stream().map(GroupResult::simulation).map(s -> s.statistics()).toList();
    }

    /** N decoders composed under each preset; the paper's Fig 12 ordering for GPT-3 is full < partial < unfused. */
    @Test
    void composedTotalsAddUpAndKeepThePapersOrdering() {
        Program program = program();
        Map<String, FiberTensor> inputs = inputs(program);
        Map<String, Long> cycles = new HashMap<>();
        for (var preset : MODEL.presets(program).entrySet()) {
            RunResult decoder = run(program, preset.getKey(), preset.getValue(), inputs);
            DecoderComposition rule = DecoderComposition.of(Gpt3BigBirdModel.parts(), preset.getValue(), 12);
            List<Statistics> last = List.of();
            if (rule.lastSchedule().isPresent()) {
                RunResult tail = run(rule.lastProgram(program), "last", rule.lastSchedule().get(), inputs);
                assertTrue(tail.verified(), tail.verifications().toString());
                last = stats(tail);
            }
            Statistics total = rule.total(stats(decoder), last);
            long expected = 0;
            for (int g = 0; g < rule.terms().size(); g++) {
                expected += rule.terms().get(g).multiplicity() * stats(decoder).get(g).cycles();
            }
            expected += last.stream().mapToLong(Statistics::cycles).sum();
            assertEquals(expected, total.cycles(), preset.getKey());
            assertTrue(total.flops() > 11 * decoder.total().flops() / 2, preset.getKey());
            long simulated = stats(decoder).stream().mapToLong(Statistics::tokens).sum()
                    + last.stream().mapToLong(Statistics::tokens).sum();
            assertEquals(simulated, total.tokens(), "tokens count what was simulated");
            cycles.put(preset.getKey(), total.cycles());
        }
        assertTrue(cycles.get("full") < cycles.get("partial") && cycles.get("partial") < cycles.get("unfused"),
                cycles.toString());
    }
}
