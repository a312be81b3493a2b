package dev.fuseflow.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuseflow.compiler.fusion.FusedGroup;
import dev.fuseflow.compiler.fusion.Lowering;
import dev.fuseflow.compiler.ir.Program;
import dev.fuseflow.compiler.run.RunResult;
import dev.fuseflow.compiler.schedule.DataflowOrder;
import dev.fuseflow.compiler.schedule.Parallelization;
import dev.fuseflow.compiler.schedule.Schedule;
import dev.fuseflow.diagnostics.UserError;
import dev.fuseflow.simulator.engine.EngineOptions;
import dev.fuseflow.simulator.tensor.FiberTensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The parallelization pass: lanes never change the values (also when the coordinates do not divide evenly
 * over the lanes), and on balanced work they cut cycles close to the lane count.
 */
class ParallelizationTest {

    private static final Program SPMM = Harness.parse("""
            A: (dense, compressed) [13, 11]
            X: (dense, dense) [11, 5]
            Y: (dense, dense) [13, 5]
            Y(i,j) = A(i,k) * X(k,j)
            """);

    @ParameterizedTest(name = "par {0}")
    @ValueSource(strings = {"i:1", "i:2", "i:3", "i:4", "j:2", "j:3", "i:2,j:2", "i:3,j:2", "k:2"})
    void spmmValuesDoNotDependOnLanesUnderEveryOrder(String par) {
        Map<String, FiberTensor> data = Harness.data(SPMM, 0.3, 11);
        List<DataflowOrder> orders = Lowering.validOrders(SPMM, FusedGroup.of(SPMM, List.of(0)), 100);
        for (DataflowOrder order : orders) {
            if (par.equals("k:2")) {
                UserError error = assertThrows(UserError.class,
                        () -> Compiler.compile(SPMM, "unfused", Schedule.unfused(1), order.name(), Parallelization.parse(par)));
                assertTrue(error.getMessage().contains("cannot parallelize below 'k'")
                        && error.getMessage().contains("[i, j]"), error.getMessage());
                continue;
            }
            Harness.verified(SPMM, "unfused", order.name(), Parallelization.parse(par), data);
        }
    }

    @Test
    void sparseVectorWithDroppedRowsAndEmptyFibers() {
        Program p = Harness.parse("""
                A: (compressed, compressed) [17, 15]
                x: (compressed) [15]
                y: (compressed) [17]
                y(i) = A(i,j) * x(j)
                """);
        Map<String, FiberTensor> data = Harness.data(p, 0.15, 12);
        for (int lanes = 2; lanes <= 5; lanes++) {
            Harness.verified(p, "unfused", "auto", Parallelization.parse("i:" + lanes), data);
        }
    }

    @Test
    void fusedGcnAndSoftmaxUnderLanes() {
        Program gcn = Harness.parse("""
                A: (dense, compressed) [12, 12]
                X: (dense, dense) [12, 6]
                W1: (dense, dense) [6, 4]
                W2: (dense, dense) [4, 3]
                H: (dense, compressed) [12, 4]
                Y: (dense, compressed) [12, 3]
                H(i,l) = relu(A(i,j) * X(j,k) * W1(k,l))
                Y(i,m) = A(i,n) * H(n,l) * W2(l,m)
                """);
        Map<String, FiberTensor> data = Harness.data(gcn, 0.3, 13);
        for (String fusion : List.of("unfused", "full")) {
            Harness.verified(gcn, fusion, "auto", Parallelization.parse("i:3"), data);
        }
        Program softmax = Harness.parse("""
                Z: (dense, compressed) [7, 9]
                m: (dense) [7]
                E: (dense, compressed) [7, 9]
                s: (dense) [7]
                P: (dense, compressed) [7, 9]
                m(i) = max_j(Z(i,j))
                E(i,j) = exp(Z(i,j) - m(i))
                s(i) = sum_j(E(i,j))
                P(i,j) = E(i,j) / s(i)
                """);
        Map<String, FiberTensor> scores = Harness.data(softmax, 0.4, 14);
        Harness.verified(softmax, "full", "auto", Parallelization.parse("i:4"), scores);
        Harness.verified(softmax, "unfused", "auto", Parallelization.parse("i:2"), scores);
    }

    @Test
    void balancedInnerProductsScaleCloseToTheLaneCount() {
        Program p = Harness.parse("""
                A: (dense, dense) [16, 64]
                B: (dense, dense) [8, 64]
                C: (dense, dense) [16, 8]
                C(i,j) = A(i,k) * B(j,k)
                """);
        Map<String, FiberTensor> data = Harness.data(p, 1.0, 15);
        long serial = run(p, "none", data).total().cycles();
        for (int lanes : new int[] {2, 4, 8}) {
            RunResult parallel = run(p, "i:" + lanes, data);
            assertTrue(parallel.verified(), parallel.verifications().toString());
            double speedup = (double) serial / parallel.total().cycles();
            assertTrue(speedup > 0.8 * lanes, lanes + " lanes: " + serial + " -> " + parallel.total().cycles()
                    + " cycles, speedup " + speedup);
            assertEquals(run(p, "none", data).total().flops(), parallel.total().flops(), "lanes do not add work");
        }
    }

    private static RunResult run(Program p, String par, Map<String, FiberTensor> data) {
        return Harness.run(p, "unfused", "ijk", par.equals("none") ? Parallelization.NONE : Parallelization.parse(par),
                data, EngineOptions.DEFAULT);
    }

    @Test
    void badParallelizationsAreOneSentence() {
        for (String bad : List.of("i", "i:0", "i:x", "3:i", "i:2,i:3", "i:1000")) {
            UserError error = assertThrows(UserError.class, () -> Parallelization.parse(bad));
            assertTrue(error.getMessage().contains("parallelization"), error.getMessage());
        }
        assertEquals("i:4,j:2", Parallelization.parse("i:4, j:2").toString());
        assertEquals(8, Parallelization.parse("i:4,j:2").totalLanes());
    }
}
