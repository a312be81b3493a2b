package dev.fuseflow.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuseflow.compiler.fusion.FusedGroup;
import dev.fuseflow.compiler.fusion.Lowering;
import dev.fuseflow.compiler.ir.Program;
import dev.fuseflow.compiler.run.ProgramRunner;
import dev.fuseflow.compiler.run.RunResult;
import dev.fuseflow.compiler.ir.IndexVar;
import dev.fuseflow.compiler.schedule.Parallelization;
import dev.fuseflow.compiler.schedule.Schedule;
import dev.fuseflow.simulator.engine.EngineOptions;
import dev.fuseflow.simulator.engine.Simulator;
import dev.fuseflow.simulator.tensor.FiberTensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The cleanup passes on whole compilations: every kernel and fusion, serial and with the region below i
 * split into 3 lanes, compiled with and without them
 * simulates to the same verified values, and the cleaned graphs never have more ops. Prints the op counts
 * before and after (the numbers quoted in compiler/docs/summary-vs-original.md).
 */
class CleanupEffectTest {

    private static CompiledProgram compile(Program program, String fusion, Parallelization par, boolean cleanup) {
        Schedule schedule = Harness.schedule(program, fusion);
        CompiledProgram cleaned = Compiler.compile(program, fusion, schedule, "auto", par);
        if (cleanup) {
            return cleaned;
        }
        List<CompiledGroup> groups = new ArrayList<>();
        for (CompiledGroup group : cleaned.groups()) {
            FusedGroup fused = FusedGroup.of(program, group.assignments());
            Map<IndexVar, Integer> lanes = new HashMap<>();
            for (IndexVar var : Lowering.parallelizable(fused)) {
                if (par.lanes().containsKey(var.name())) {
                    lanes.put(var, par.lanes().get(var.name()));
                }
            }
            groups.add(new CompiledGroup(group.index(), group.assignments(), group.order(), group.validOrders(),
                    Lowering.lower(program, fused, group.order(), lanes, group.graph().name(), false)));
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
        StringBuilder table = new StringBuilder("kernel / fusion / par: ops before -> after cleanup, cycles before -> after\n");
        for (Kernels.Kernel kernel : Kernels.all()) {
            Program program = Harness.parse(kernel.text());
            Map<String, FiberTensor> data = Harness.data(program, 0.3, 11);
            for (String fusion : kernel.fusions()) {
                for (Parallelization par : List.of(Parallelization.NONE, Parallelization.parse("i:3"))) {
                    if (!par.lanes().isEmpty() && kernel.name().equals("softmax") && fusion.equals("unfused")) {
                        // Known parallelization bug, reported to the lead: group g1 forks the union's m(i)
                        // reference, which carries N, and a fork cannot deal N to a lane (fails with or
                        // without cleanup). Remove this skip when the fork handles N.
                        continue;
                    }
                    CompiledProgram before = compile(program, fusion, par, false);
                    CompiledProgram after = compile(program, fusion, par, true);
                    ProgramRunner runner = new ProgramRunner(new Simulator(EngineOptions.DEFAULT));
                    RunResult original = runner.run(before, data, () -> false);
                    RunResult cleaned = runner.run(after, data, () -> false);
                    String what = kernel.name() + " " + fusion + " par " + par;
                    assertTrue(original.verified(), what + " without cleanup: " + original.verifications());
                    assertTrue(cleaned.verified(), what + " with cleanup: " + cleaned.verifications());
                    assertTrue(ops(after) <= ops(before), what);
                    assertEquals(original.total().flops(), cleaned.total().flops(), what + " flops");
                    assertSameOutputs(original, cleaned, what);
                    table.append(String.format("%-18s %-15s %-5s %4d -> %4d   %7d -> %7d%n", kernel.name(), fusion,
                            par.lanes().isEmpty() ? "-" : par.toString(), ops(before), ops(after),
                            original.total().cycles(), cleaned.total().cycles()));
                }
            }
        }
        System.out.print(table);
    }
}
