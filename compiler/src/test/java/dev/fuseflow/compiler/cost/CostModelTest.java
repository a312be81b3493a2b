package dev.fuseflow.compiler.cost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuseflow.compiler.CompiledProgram;
import dev.fuseflow.compiler.Compiler;
import dev.fuseflow.compiler.frontend.einsum.EinsumParser;
import dev.fuseflow.compiler.fusion.FusedGroup;
import dev.fuseflow.compiler.fusion.Lowering;
import dev.fuseflow.compiler.ir.Program;
import dev.fuseflow.compiler.run.GeneratedInputs;
import dev.fuseflow.compiler.run.ProgramRunner;
import dev.fuseflow.compiler.run.RunResult;
import dev.fuseflow.compiler.schedule.DataflowOrder;
import dev.fuseflow.compiler.schedule.Parallelization;
import dev.fuseflow.compiler.schedule.Schedule;
import dev.fuseflow.simulator.engine.EngineOptions;
import dev.fuseflow.simulator.engine.Simulator;
import dev.fuseflow.simulator.tensor.FiberTensor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The static cost model against the simulator: stats, order ranking, auto's choice, recomputation. */
class CostModelTest {

    private static Program parse(String text) {
        return EinsumParser.parse(text, "t", "t");
    }

    private static RunResult simulate(Program program, Schedule schedule, String order, Map<String, FiberTensor> inputs) {
        CompiledProgram compiled = Compiler.compile(program, "s", schedule, order, Parallelization.NONE,
                CostModel.measured(program, inputs));
        RunResult result = new ProgramRunner(new Simulator(EngineOptions.DEFAULT)).run(compiled, inputs, () -> false);
        assertTrue(result.verified(), program.name() + " " + order);
        return result;
    }

    /** SpMM under every storage mode order of A, B and C: one program per combination. */
    private static List<Program> spmmVariants() {
        List<Program> programs = new ArrayList<>();
        for (int m = 0; m < 8; m++) {
            programs.add(parse("# program spmm" + m
                    + "\nA: (dense, compressed) [60, 50]" + ((m & 1) == 0 ? "" : " order [1, 0]")
                    + "\nB: (dense, compressed) [50, 40]" + ((m & 2) == 0 ? "" : " order [1, 0]")
                    + "\nC: (dense, compressed) [60, 40]" + ((m & 4) == 0 ? "" : " order [1, 0]")
                    + "\nC(i,j) = A(i,k) * B(k,j)\n"));
        }
        return programs;
    }

    /** The chained SpMM of the paper's Fig 17, fully fused, under every storage mode order of its inputs. */
    private static List<Program> chainVariants() {
        List<Program> programs = new ArrayList<>();
        for (int m = 0; m < 8; m++) {
            programs.add(parse("# program chain" + m
                    + "\nA: (compressed, compressed) [24, 20]" + ((m & 1) == 0 ? "" : " order [1, 0]")
                    + "\nB: (compressed, compressed) [20, 16]" + ((m & 2) == 0 ? "" : " order [1, 0]")
                    + "\nC: (compressed, compressed) [16, 12]" + ((m & 4) == 0 ? "" : " order [1, 0]")
                    + "\nT: (compressed, compressed) [24, 16]\nY: (compressed, compressed) [24, 12]"
                    + "\nT(i,j) = A(i,k) * B(k,j)\nY(i,l) = T(i,j) * C(j,l)\n"));
        }
        return programs;
    }

    @Test
    void measuredStatsCountStoredCoordinatesPerLevel() {
        Program program = parse("A: (compressed, compressed) [4, 5]\nY: dense [4]\nY(i) = sum_j(A(i,j))\n");
        FiberTensor a = FiberTensor.fromCoo("A", new int[] {4, 5}, program.tensor("A").formats(), new int[] {0, 1},
                new int[][] {{0, 1}, {0, 3}, {2, 4}}, new float[] {1, 2, 3});
        assertArrayEquals(new double[] {2 / 4.0, 3 / 20.0}, TensorStats.of(a).prefixDensity(), 1e-12);
        TensorStats assumed = TensorStats.assumed(parse("B: (dense, compressed) [4, 5]\nY: dense [4]\nY(i) = sum_j(B(i,j))\n")
                .tensor("B"), 0.2);
        assertArrayEquals(new double[] {1, 0.2}, assumed.prefixDensity(), 1e-12);
    }

    @Test
    void estimatesRankOrdersAsTheSimulatorDoes() {
        assertRanks("SpMM", spmmVariants(), 0.8);
        assertRanks("fused chained SpMM", chainVariants(), 0.6);
    }

    private static void assertRanks(String what, List<Program> programs, double minimum) {
        List<double[]> pairs = new ArrayList<>();
        for (Program program : programs) {
            Map<String, FiberTensor> inputs = GeneratedInputs.forProgram(program, 0.15, 3);
            Schedule schedule = Schedule.full(program.assignments().size());
            FusedGroup group = FusedGroup.of(program, schedule.groups().get(0));
            CostModel model = CostModel.measured(program, inputs);
            for (DataflowOrder order : Lowering.validOrders(program, group, 100)) {
                double estimated = model.estimate(group, order).cycles();
                double simulated = simulate(program, schedule, order.name(), inputs).total().cycles();
                pairs.add(new double[] {estimated, simulated});
            }
        }
        double rho = spearman(pairs);
        System.out.printf("cost model vs simulator over %d %s (mode order, order) pairs: Spearman %.3f%n",
                pairs.size(), what, rho);
        assertTrue(pairs.size() >= 8, "enough orders to rank");
        assertTrue(rho > minimum, what + ": rank correlation " + rho);
    }

    @Test
    void autoPicksAnOrderCloseToTheBestSimulated() {
        for (Program program : spmmVariants()) {
            Map<String, FiberTensor> inputs = GeneratedInputs.forProgram(program, 0.15, 5);
            Schedule schedule = Schedule.unfused(1);
            FusedGroup group = FusedGroup.of(program, schedule.groups().get(0));
            if (Lowering.validOrders(program, group, 100).isEmpty()) {
                continue;
            }
            long best = Lowering.validOrders(program, group, 100).stream()
                    .mapToLong(o -> simulate(program, schedule, o.name(), inputs).total().cycles()).min().orElseThrow();
            long auto = simulate(program, schedule, "auto", inputs).total().cycles();
            assertTrue(auto <= best * 1.25, program.name() + ": auto " + auto + " vs best " + best);
        }
    }

    @Test
    void fullyFusedGcnIsPredictedToRecompute() {
        Program gcn = parse("""
                A: (dense, compressed) [40, 40]
                X: (dense, dense) [40, 12]
                W1: (dense, dense) [12, 8]
                W2: (dense, dense) [8, 4]
                T1: (dense, compressed) [40, 12]
                H: (dense, compressed) [40, 8]
                Y: (dense, compressed) [40, 4]
                T1(i,k) = A(i,j) * X(j,k)
                H(i,l) = relu(T1(i,k) * W1(k,l))
                Y(i,m) = A(i,n) * H(n,l) * W2(l,m)
                """);
        Map<String, FiberTensor> inputs = GeneratedInputs.forProgram(gcn, 0.15, 7);
        CostEstimate partial = program(gcn, new Schedule(List.of(List.of(0, 1), List.of(2))), inputs);
        CostEstimate full = program(gcn, Schedule.full(3), inputs);
        assertTrue(full.flops() > 2 * partial.flops(), "full " + full + " partial " + partial);
        RunResult simulatedPartial = simulate(gcn, new Schedule(List.of(List.of(0, 1), List.of(2))), "auto", inputs);
        double error = Math.abs(partial.flops() - simulatedPartial.total().flops()) / simulatedPartial.total().flops();
        assertTrue(error < 0.5, "partial FLOPs estimate " + partial.flops() + " vs simulated "
                + simulatedPartial.total().flops());
    }

    private static CostEstimate program(Program program, Schedule schedule, Map<String, FiberTensor> inputs) {
        CostModel model = CostModel.measured(program, inputs);
        CostEstimate total = CostEstimate.ZERO;
        for (List<Integer> members : schedule.groups()) {
            FusedGroup group = FusedGroup.of(program, members);
            List<DataflowOrder> valid = Lowering.validOrders(program, group, 1000);
            total = total.plus(model.estimate(group, model.cheapest(group, valid)));
            model.record(group);
        }
        return total;
    }

    @Test
    void tiesGoToTheFirstValidOrder() {
        Program dense = parse("A: dense [6, 6]\nB: dense [6, 6]\nY: dense [6, 6]\nY(i,j) = A(i,j) + B(i,j)\n");
        FusedGroup group = FusedGroup.of(dense, List.of(0));
        List<DataflowOrder> valid = Lowering.validOrders(dense, group, 10);
        assertEquals(valid.get(0), CostModel.assumed(dense).cheapest(group, valid));
    }

    static double spearman(List<double[]> pairs) {
        double[] rx = ranks(pairs, 0);
        double[] ry = ranks(pairs, 1);
        double mx = 0;
        double my = 0;
        for (int i = 0; i < rx.length; i++) {
            mx += rx[i] / rx.length;
            my += ry[i] / ry.length;
        }
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < rx.length; i++) {
            sxy += (rx[i] - mx) * (ry[i] - my);
            sxx += (rx[i] - mx) * (rx[i] - mx);
            syy += (ry[i] - my) * (ry[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    /** Ranks with ties sharing their mean rank. */
    private static double[] ranks(List<double[]> pairs, int column) {
        List<Integer> index = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            index.add(i);
        }
        index.sort(Comparator.comparingDouble(i -> pairs.get(i)[column]));
        double[] ranks = new double[pairs.size()];
        for (int start = 0; start < index.size(); ) {
            int end = start;
            while (end + 1 < index.size() && pairs.get(index.get(end + 1))[column] == pairs.get(index.get(start))[column]) {
                end++;
            }
            for (int k = start; k <= end; k++) {
                ranks[index.get(k)] = (start + end) / 2.0;
            }
            start = end + 1;
        }
        return ranks;
    }
}
