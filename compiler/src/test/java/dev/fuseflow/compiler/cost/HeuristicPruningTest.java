package dev.fuseflow.compiler.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuseflow.compiler.CompiledProgram;
import dev.fuseflow.compiler.Compiler;
import dev.fuseflow.compiler.frontend.einsum.EinsumParser;
import dev.fuseflow.compiler.ir.Program;
import dev.fuseflow.compiler.run.GeneratedInputs;
import dev.fuseflow.compiler.run.ProgramRunner;
import dev.fuseflow.compiler.run.RunResult;
import dev.fuseflow.compiler.schedule.Parallelization;
import dev.fuseflow.compiler.schedule.Schedule;
import dev.fuseflow.diagnostics.UserError;
import dev.fuseflow.simulator.engine.EngineOptions;
import dev.fuseflow.simulator.engine.Simulator;
import dev.fuseflow.simulator.tensor.FiberTensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The heuristic against full simulation over every contiguous fusion partition of small models: rank
 * correlation, whether the best simulated schedule survives pruning, and how much is pruned.
 */
class HeuristicPruningTest {
    private static final String GCN = """
            # program gcn
            A: (dense, compressed) [48, 48]
            X: (dense, dense) [48, 16]
            W1: (dense, dense) [16, 8]
            b1: (dense) [8]
            W2: (dense, dense) [8, 4]
            T1: (dense, compressed) [48, 16]
            H: (dense, compressed) [48, 8]
            T2: (dense, compressed) [48, 8]
            Y: (dense, compressed) [48, 4]
            T1(i,k) = A(i,j) * X(j,k)
            H(i,l) = relu(T1(i,k) * W1(k,l) + b1(l))
            T2(i,l) = A(i,n) * H(n,l)
            Y(i,m) = T2(i,l) * W2(l,m)
            """;
    private static final String CHAIN = """
            # program chain
            A: (compressed, compressed) [32, 28]
            B: (compressed, compressed) [28, 24]
            C: (compressed, compressed) [24, 20]
            D: (compressed, compressed) [20, 16]
            T: (compressed, compressed) [32, 24]
            U: (compressed, compressed) [32, 20]
            Y: (compressed, compressed) [32, 16]
            T(i,j) = A(i,k) * B(k,j)
            U(i,l) = T(i,j) * C(j,l)
            Y(i,m) = U(i,l) * D(l,m)
            """;

    private record Row(Schedule schedule, double estimated, long simulated) {
    }

    private static List<Row> evaluate(String text, double density) {
        Program program = EinsumParser.parse(text, "t", "t");
        Map<String, FiberTensor> inputs = GeneratedInputs.forProgram(program, density, 11);
        List<Row> rows = new ArrayList<>();
        for (Schedule schedule : Schedule.contiguousPartitions(program.assignments().size())) {
            Optional<CostEstimate> estimate = CostModel.measured(program, inputs).estimateSchedule(schedule, 1000);
            if (estimate.isEmpty()) {
                continue;
            }
            CompiledProgram compiled;
            try {
                compiled = Compiler.compile(program, schedule.toString(), schedule, "auto", Parallelization.NONE,
                        CostModel.measured(program, inputs));
            } catch (UserError refused) {
                continue; // a fused shape the lowering refuses is not a candidate
            }
            RunResult result = new ProgramRunner(new Simulator(EngineOptions.DEFAULT)).run(compiled, inputs, () -> false);
            assertTrue(result.verified(), schedule.toString());
            rows.add(new Row(schedule, estimate.get().cycles(), result.total().cycles()));
        }
        return rows;
    }

    private static void check(String name, List<Row> rows) {
        List<double[]> pairs = rows.stream().map(r -> new double[] {r.estimated(), r.simulated()}).toList();
        double rho = CostModelTest.spearman(pairs);
        Row best = rows.stream().min((a, b) -> Long.compare(a.simulated(), b.simulated())).orElseThrow();
        List<Pruning.Candidate<Row>> candidates = rows.stream()
                .map(r -> new Pruning.Candidate<>(r, new CostEstimate(0, 0, 0, r.estimated()))).toList();
        List<Pruning.Candidate<Row>> kept = Pruning.survivors(candidates, 0.5);
        boolean bestSurvives = kept.stream().anyMatch(c -> c.key().equals(best));
        long bestKept = kept.stream().mapToLong(c -> c.key().simulated()).min().orElseThrow();
        System.out.printf("%s: %d schedules, Spearman %.2f, margin 0.5 keeps %d (%.0f%% pruned), best simulated %s "
                + "(%d cycles) %s; best kept %d cycles%n", name, rows.size(), rho, kept.size(),
                100.0 * (rows.size() - kept.size()) / rows.size(), best.schedule(), best.simulated(),
                bestSurvives ? "survives" : "is pruned", bestKept);
        rows.forEach(r -> System.out.printf("  %-16s est %10.0f sim %8d%n", r.schedule(), r.estimated(), r.simulated()));
        assertTrue(rho > 0.3, name + " rank correlation " + rho);
        assertTrue(bestKept <= 1.2 * best.simulated(), name + ": pruning loses the best schedule by more than 20%");
        assertTrue(kept.size() < rows.size(), name + ": the heuristic prunes something");
    }

    @Test
    void gcnPartitions() {
        check("gcn", evaluate(GCN, 0.1));
    }

    @Test
    void chainPartitions() {
        check("chain", evaluate(CHAIN, 0.15));
    }

    @Test
    void partitionsAreContiguousAndComplete() {
        List<Schedule> four = Schedule.contiguousPartitions(4);
        assertEquals(8, four.size());
        assertEquals(Schedule.unfused(4), four.get(0));
        assertEquals(Schedule.full(4), four.get(7));
        assertEquals(8, four.stream().distinct().count());
    }
}
