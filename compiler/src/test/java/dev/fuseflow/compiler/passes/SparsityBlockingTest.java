package dev.fuseflow.compiler.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuseflow.compiler.CompiledProgram;
import dev.fuseflow.compiler.Compiler;
import dev.fuseflow.compiler.frontend.einsum.EinsumParser;
import dev.fuseflow.compiler.ir.Program;
import dev.fuseflow.compiler.run.BlockProgramRunner;
import dev.fuseflow.compiler.run.GeneratedInputs;
import dev.fuseflow.compiler.run.RunResult;
import dev.fuseflow.compiler.schedule.Parallelization;
import dev.fuseflow.compiler.schedule.Schedule;
import dev.fuseflow.diagnostics.UserError;
import dev.fuseflow.simulator.engine.EngineOptions;
import dev.fuseflow.simulator.engine.Simulator;
import dev.fuseflow.simulator.engine.ValueMode;
import dev.fuseflow.simulator.graph.BinaryOp;
import dev.fuseflow.simulator.graph.BinaryAluOp;
import dev.fuseflow.simulator.tensor.FiberTensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Compiled programs on b×b tiles (true-block values) against the CPU reference, and what is refused. */
class SparsityBlockingTest {
    private static final String CHAIN = """
            A: (compressed, compressed) [16, 16]
            B: (compressed, compressed) [16, 16]
            C: (compressed, compressed) [16, 8]
            T: (compressed, compressed) [16, 16]
            Y: (compressed, compressed) [16, 8]
            T(i,j) = A(i,k) * B(k,j)
            Y(i,l) = T(i,j) * C(j,l)
            """;
    private static final String MASKED = """
            M: (dense, compressed) [16, 16]
            Q: (dense, dense) [16, 8]
            Kt: (dense, dense) [8, 16]
            V: (dense, dense) [16, 8]
            S: (dense, compressed) [16, 16]
            P: (dense, compressed) [16, 16]
            O: (dense, compressed) [16, 8]
            S(i,j) = M(i,j) * Q(i,d) * Kt(d,j)
            P(i,j) = exp(S(i,j) * 0.125)
            O(i,e) = P(i,j) * V(j,e)
            """;

    private static Program parse(String text) {
        return EinsumParser.parse(text, "t", "t");
    }

    private static RunResult run(Program program, String fusion, int b, double density) {
        Schedule schedule = fusion.equals("full") ? Schedule.full(program.assignments().size())
                : Schedule.unfused(program.assignments().size());
        CompiledProgram compiled = Compiler.compileBlocked(program, fusion, schedule, "auto", Parallelization.NONE, b);
        Map<String, FiberTensor> inputs = GeneratedInputs.forProgram(program, density, 5);
        Simulator simulator = new Simulator(EngineOptions.DEFAULT.withValues(ValueMode.TRUE_BLOCK, b));
        RunResult result = new BlockProgramRunner(simulator).run(compiled, program, inputs, b, () -> false);
        assertTrue(result.verified(), fusion + " b=" + b + ": " + result.verifications());
        assertEquals(program.assignments().size() - (fusion.equals("full") ? program.assignments().size() - 1 : 0),
                result.verifications().size(), "every materialised output is checked");
        return result;
    }

    @ParameterizedTest(name = "chained SpMM {0} b={1}")
    @CsvSource({"unfused, 4", "full, 4", "unfused, 2", "full, 8"})
    void chainedMatrixProductsOnTilesMatchTheReference(String fusion, int b) {
        RunResult result = run(parse(CHAIN), fusion, b, 0.2);
        assertTrue(result.total().cycles() > 0);
    }

    @ParameterizedTest(name = "masked attention {0}")
    @CsvSource({"unfused", "full"})
    void maskedAttentionMixesElementwiseAndMatrixProducts(String fusion) {
        run(parse(MASKED), fusion, 4, 0.3);
    }

    @Test
    void elementwiseProductsBecomeElemmulAndContractionsStayMul() {
        Program program = parse(MASKED);
        CompiledProgram compiled = Compiler.compileBlocked(program, "unfused", Schedule.unfused(3), "auto",
                Parallelization.NONE, 4);
        List<BinaryOp> first = compiled.groups().get(0).graph().ops().stream()
                .filter(op -> op instanceof BinaryAluOp).map(op -> ((BinaryAluOp) op).op()).toList();
        assertTrue(first.contains(BinaryOp.ELEMMUL) && first.contains(BinaryOp.MUL), first.toString());
        assertEquals(List.of(4, 2), compiled.program().tensor("Q").shape());
    }

    @Test
    void edgeBlocksArePaddedAndResultsCropped() {
        run(parse("""
                A: (dense, compressed) [10, 6]
                B: (dense, compressed) [6, 7]
                S: (dense, compressed) [10, 7]
                Y: (dense, compressed) [10, 7]
                S(i,j) = A(i,k) * B(k,j)
                Y(i,j) = relu(S(i,j) - 0.25)
                """), "unfused", 4, 0.3);
    }

    @Test
    void largerBlocksTakeFewerCycles() {
        long small = run(parse(CHAIN), "unfused", 2, 0.2).total().cycles();
        long large = run(parse(CHAIN), "unfused", 8, 0.2).total().cycles();
        assertTrue(large < small, "b=8 " + large + " vs b=2 " + small);
    }

    @Test
    void whatTilesCannotExpressIsRefusedInOneSentence() {
        String[][] cases = {
            {"A: dense [8, 8]\nb: dense [8]\nY: dense [8, 8]\nY(i,j) = A(i,j) + b(j)\n", "b has rank 1"},
            {"A: dense [8, 8]\nB: dense [8, 8]\nY: dense [8, 8]\nY(i,j) = A(i,k) * B(j,k)\n", "store an operand transposed"},
            {"A: dense [8, 8]\nB: dense [8, 8]\nY: dense [8, 8]\nY(i,j) = A(i,j) + B(j,i)\n", "share their orientation"},
            {"A: dense [8, 8]\nY: dense [8, 8]\nY(j,i) = A(i,j)\n", "must be written in the orientation"},
        };
        for (String[] c : cases) {
            UserError e = assertThrows(UserError.class, () -> SparsityBlocking.block(parse(c[0]), 4), c[0]);
            assertTrue(e.getMessage().contains(c[1]), e.getMessage());
            assertEquals(1, e.getMessage().lines().count());
        }
    }
}
