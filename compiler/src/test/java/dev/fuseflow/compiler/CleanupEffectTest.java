package dev.fuseflow.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuseflow.compiler.fusion.FusedGroup;
import dev.fuseflow.compiler.fusion.Lowering;
import dev.fuseflow.compiler.ir.Program;
import dev.fuseflow.compiler.run.ProgramRunner;
import dev.fuseflow.compiler.run.RunResult;
import dev.fuseflow.compiler.schedule.Schedule;
import dev.fuseflow.simulator.engine.EngineOptions;
import dev.fuseflow.simulator.engine.Simulator;
import dev.fuseflow.simulator.tensor.FiberTensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The cleanup passes on whole compilations: every kernel and fusion compiled with and without them
 * simulates to the same verified values, and the cleaned graphs never have more ops. Prints the op counts
 * before and after (the numbers quoted in compiler/docs/summary-vs-original.md).
 */
class CleanupEffectTest {

    private static CompiledProgram compile(Program program, String fusion, boolean cleanup) {
        Schedule schedule = Harness.schedule(program, fusion);
        CompiledProgram cleaned = Compiler.compile(program, fusion, schedule, "auto");
        if (cleanup) {
            return cleaned;
        }
        List<CompiledGroup> groups = new ArrayList<>();
        for (CompiledGroup group : cleaned.groups()) {
            groups.add(new CompiledGroup(group.index(), group.assignments(), group.order(), group.validOrders(),
                    Lowering.lower(program, FusedGroup.of(program, group.assignments()), group.order(),
                            group.graph().name(), false)));
        }
        return new CompiledProgram(program, fusion, schedule, groups);
    }

    private static int ops(CompiledProgram compiled) {
        return compiled.groups().stream().mapToInt(g -> g.graph().ops().size()).sum();
    }

    /** Bit-identical written tensors, group by group: the passes must not change a single value. */
    static void assertSameOutputs(RunResult expected, RunResult actual, String what) {
        assertEquals(expected.groups().size(), actual.groups().size(), what);
        for (int g = 0; g < expected.groups().size(); g++) {
            Map<String, FiberTensor> want = expected.groups().get(g).simulation().outputs();
            Map<String, FiberTensor> got = actual.groups().get(g).simulation().outputs();
            assertEquals(want.keySet(), got.keySet(), what + " group " + g);
            for (String tensor : want.keySet()) {
                assertArrayEquals(want.get(tensor).storedMask(), got.get(tensor).storedMask(), what + " " + tensor);
                assertArrayEquals(want.get(tensor).toDense(), got.get(tensor).toDense(), 0.0, what + " " + tensor);
            }
        }
    }

    @Test
    void cleanedGraphsComputeTheSameValuesWithNoMoreOps() {
        StringBuilder table = new StringBuilder("kernel / fusion: ops before -> after cleanup, cycles before -> after\n");
        for (Kernels.Kernel kernel : Kernels.all()) {
            Program program = Harness.parse(kernel.text());
            Map<String, FiberTensor> data = Harness.data(program, 0.3, 11);
            for (String fusion : kernel.fusions()) {
                CompiledProgram before = compile(program, fusion, false);
                CompiledProgram after = compile(program, fusion, true);
                ProgramRunner runner = new ProgramRunner(new Simulator(EngineOptions.DEFAULT));
                RunResult original = runner.run(before, data, () -> false);
                RunResult cleaned = runner.run(after, data, () -> false);
                String what = kernel.name() + " " + fusion;
                assertTrue(original.verified(), what + " without cleanup: " + original.verifications());
                assertTrue(cleaned.verified(), what + " with cleanup: " + cleaned.verifications());
                assertTrue(ops(after) <= ops(before), what);
                assertEquals(original.total().flops(), cleaned.total().flops(), what + " flops");
                assertSameOutputs(original, cleaned, what);
                table.append(String.format("%-18s %-15s %4d -> %4d   %7d -> %7d%n", kernel.name(), fusion,
                        ops(before), ops(after), original.total().cycles(), cleaned.total().cycles()));
            }
        }
        System.out.print(table);
    }
}
