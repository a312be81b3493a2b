package dev.fuseflow.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuseflow.compiler.fusion.FusedGroup;
import dev.fuseflow.compiler.fusion.Lowering;
import dev.fuseflow.compiler.ir.Program;
import dev.fuseflow.compiler.run.ProgramRunner;
import dev.fuseflow.compiler.run.RunResult;
import dev.fuseflow.compiler.schedule.DataflowOrder;
import dev.fuseflow.compiler.schedule.Parallelization;
import dev.fuseflow.compiler.schedule.Schedule;
import dev.fuseflow.simulator.engine.EngineOptions;
import dev.fuseflow.simulator.engine.Simulator;
import dev.fuseflow.simulator.graph.FiberDropOp;
import dev.fuseflow.simulator.tensor.FiberTensor;
import dev.fuseflow.simulator.tensor.LevelFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@code T(i,c) = A(i,h)·W(h,c)}, {@code Z(i,c) = T(i,c) + b(c)} fused, on many small sparsity patterns (seeded),
 * under every valid order: a row of A whose products all miss W leaves T's row empty, and §3.0 then stores no
 * row of Z there (the bias follows T's rows), as the unfused program, which materialises T, does. The fused
 * graph drops those rows before the bias is repeated over them. GCN's second layer on the directed MAG graph
 * met this (a node whose only neighbours have no neighbours).
 */
class FusedBroadcastRowsTest {
    private static final int PATTERNS = 1500;
    private static final Program PROGRAM = Harness.parse("# program fused_bias\n"
            + "A: (compressed, compressed) [3, 3]\n"
            + "W: (compressed, compressed) [3, 2]\n"
            + "b: (dense) [2]\n"
            + "T: (compressed, compressed) [3, 2]\n"
            + "Z: (compressed, compressed) [3, 2]\n"
            + "T(i,c) = A(i,h) * W(h,c)\n"
            + "Z(i,c) = T(i,c) + b(c)\n");

    @Test
    void everyPatternVerifiesUnderEveryOrder() {
        List<DataflowOrder> orders = Lowering.validOrders(PROGRAM, FusedGroup.of(PROGRAM, List.of(0, 1)), 50);
        assertFalse(orders.isEmpty());
        SplittableRandom random = new SplittableRandom(11);
        int emptiedRows = 0;
        for (DataflowOrder order : orders) {
            CompiledProgram compiled = Compiler.compile(PROGRAM, "full", Schedule.full(2), order.name(),
                    Parallelization.NONE);
            for (int pattern = 0; pattern < PATTERNS; pattern++) {
                Map<String, FiberTensor> inputs = Map.of(
                        "A", matrix("A", 3, 3, random),
                        "W", matrix("W", 3, 2, random),
                        "b", FiberTensor.fromDense("b", new int[] {2}, List.of(LevelFormat.DENSE), new int[] {0},
                                new float[] {0.5f, -2f}));
                emptiedRows += rowsEmptiedByW(inputs.get("A"), inputs.get("W"));
                RunResult result = new ProgramRunner(new Simulator(EngineOptions.DEFAULT)).run(compiled, inputs,
                        () -> false);
                assertTrue(result.verified(), "order " + order.name() + ", A " + inputs.get("A") + ", W "
                        + inputs.get("W") + ": " + result.verifications());
            }
        }
        assertTrue(emptiedRows > 100, "the patterns must empty rows of T: " + emptiedRows);
    }

    @Test
    void theSpaccOrderDropsEmptiedRowsOnlyWhereABroadcastFollows() {
        CompiledProgram fused = Compiler.compile(PROGRAM, "full", Schedule.full(2), "ihc", Parallelization.NONE);
        assertEquals(1, fiberDrops(fused), "ihc accumulates c fibers over h, whose rows may come out empty");
        Program withoutBias = Harness.parse("# program fused_product\n"
                + "A: (compressed, compressed) [3, 3]\n"
                + "W: (compressed, compressed) [3, 2]\n"
                + "T: (compressed, compressed) [3, 2]\n"
                + "T(i,c) = A(i,h) * W(h,c)\n");
        assertEquals(0, fiberDrops(Compiler.compile(withoutBias, "unfused", Schedule.unfused(1), "ihc",
                Parallelization.NONE)), "no broadcast operand: nothing to drop");
    }

    private static long fiberDrops(CompiledProgram compiled) {
        return compiled.groups().stream().flatMap(g -> g.graph().ops().stream())
                .filter(op -> op instanceof FiberDropOp).count();
    }

    /** Rows of A with an entry whose products with W are all missing. */
    private static int rowsEmptiedByW(FiberTensor a, FiberTensor w) {
        double[] da = a.toDense();
        double[] dw = w.toDense();
        int emptied = 0;
        for (int i = 0; i < 3; i++) {
            boolean any = false;
            boolean product = false;
            for (int h = 0; h < 3; h++) {
                if (da[i * 3 + h] != 0) {
                    any = true;
                    product |= dw[h * 2] != 0 || dw[h * 2 + 1] != 0;
                }
            }
            emptied += any && !product ? 1 : 0;
        }
        return emptied;
    }

    /** Entries present with probability 0.4, values 1..9 so that sums stay exact. */
    private static FiberTensor matrix(String name, int rows, int cols, SplittableRandom random) {
        float[] values = new float[rows * cols];
        for (int k = 0; k < values.length; k++) {
            values[k] = random.nextInt(10) < 4 ? 1 + random.nextInt(9) : 0f;
        }
        return FiberTensor.fromDense(name, new int[] {rows, cols},
                List.of(LevelFormat.COMPRESSED, LevelFormat.COMPRESSED), new int[] {0, 1}, values);
    }
}
