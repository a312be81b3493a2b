package dev.fuseflow.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuseflow.compiler.fusion.FusedGroup;
import dev.fuseflow.compiler.fusion.Lowering;
import dev.fuseflow.compiler.ir.Access;
import dev.fuseflow.compiler.ir.Assignment;
import dev.fuseflow.compiler.ir.IndexVar;
import dev.fuseflow.compiler.ir.Product;
import dev.fuseflow.compiler.ir.Program;
import dev.fuseflow.compiler.ir.TensorDecl;
import dev.fuseflow.compiler.run.ProgramRunner;
import dev.fuseflow.compiler.run.RunResult;
import dev.fuseflow.compiler.schedule.Schedule;
import dev.fuseflow.compiler.zoo.SpmmModel;
import dev.fuseflow.diagnostics.UserError;
import dev.fuseflow.simulator.engine.EngineOptions;
import dev.fuseflow.simulator.engine.Simulator;
import dev.fuseflow.simulator.tensor.FiberTensor;
import dev.fuseflow.simulator.tensor.LevelFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The vertical slice: SpMM and SpMV lowered, simulated and verified against the reference evaluator. */
class SpmmLoweringTest {
    private static final IndexVar I = new IndexVar("i");
    private static final IndexVar J = new IndexVar("j");
    private static final IndexVar K = new IndexVar("k");

    private static Program spmm(int rows, int cols, int features) {
        return new SpmmModel().program(Map.of("rows", rows, "cols", cols, "features", features));
    }

    private static Map<String, FiberTensor> data(Program program, double density, long seed) {
        Map<String, FiberTensor> inputs = new HashMap<>();
        for (String name : program.inputs()) {
            inputs.put(name, TestData.random(program.tensor(name), density, seed + name.hashCode()));
        }
        return inputs;
    }

    private static RunResult run(Program program, String order, Map<String, FiberTensor> inputs, EngineOptions options) {
        CompiledProgram compiled = Compiler.compile(program, "unfused", Schedule.unfused(program.assignments().size()), order);
        return new ProgramRunner(new Simulator(options)).run(compiled, inputs, () -> false);
    }

    @Test
    void spmmHasOneValidOrderInNaturalStorageAndVerifies() {
        Program program = spmm(40, 30, 8);
        assertEquals(List.of("ikj"), Lowering.validOrders(program, FusedGroup.of(program, List.of(0)), 100).stream()
                .map(o -> o.name()).toList());
        RunResult result = run(program, "auto", data(program, 0.1, 1), EngineOptions.DEFAULT);
        assertTrue(result.verified(), result.verifications().toString());
        long nnz = data(program, 0.1, 1).get("A").storedCount();
        assertEquals(nnz * 8, result.total().ops(), "one multiply per A entry and feature");
        assertEquals(nnz * 8, result.total().reduces());
        assertTrue(result.total().cycles() > nnz * 8, "the j loop runs once per A entry");
    }

    @Test
    void transposedFeaturesOpenTheInnerProductOrders() {
        Program natural = spmm(25, 20, 6);
        TensorDecl x = natural.tensor("X");
        Program transposed = natural.withTensor(x.withModeOrder(List.of(1, 0)));
        List<String> orders = Lowering.validOrders(transposed, FusedGroup.of(transposed, List.of(0)), 100).stream()
                .map(o -> o.name()).toList();
        assertEquals(List.of("ijk", "jik"), orders);
        Map<String, FiberTensor> inputs = data(transposed, 0.15, 3);
        for (String order : orders) {
            RunResult result = run(transposed, order, inputs, EngineOptions.DEFAULT);
            assertTrue(result.verified(), order + ": " + result.verifications());
        }
    }

    @ParameterizedTest(name = "budget {0}")
    @ValueSource(ints = {1, 7, 4096})
    void steppingOrderDoesNotChangeCyclesOrValues(int budget) {
        Program program = spmm(30, 30, 5);
        Map<String, FiberTensor> inputs = data(program, 0.1, 5);
        RunResult baseline = run(program, "ikj", inputs, EngineOptions.DEFAULT);
        for (EngineOptions.StepOrder order : EngineOptions.StepOrder.values()) {
            EngineOptions options = EngineOptions.DEFAULT.withOrder(order, budget).withBudget(budget, Math.max(1, budget / 2));
            RunResult other = run(program, "ikj", inputs, options);
            assertEquals(baseline.total(), other.total().withTokens(baseline.total().tokens()), order.name());
            assertEquals(baseline.total().cycles(), other.total().cycles(), order.name());
            assertTrue(other.verified());
        }
    }

    @Test
    void spmvWithDenseVectorLocates() {
        Map<String, TensorDecl> tensors = new java.util.LinkedHashMap<>();
        tensors.put("A", TensorDecl.of("A", List.of(20, 15), List.of(LevelFormat.COMPRESSED, LevelFormat.COMPRESSED)));
        tensors.put("x", TensorDecl.of("x", List.of(15), List.of(LevelFormat.DENSE)));
        tensors.put("y", TensorDecl.of("y", List.of(20), List.of(LevelFormat.COMPRESSED)));
        Program program = new Program("spmv", tensors, List.of(new Assignment(new Access("y", List.of(I)),
                new Product(new Access("A", List.of(I, J)), new Access("x", List.of(J))))));
        CompiledProgram compiled = Compiler.compile(program, "unfused", Schedule.unfused(1), "auto");
        assertEquals(1, compiled.groups().get(0).graph().opCounts().get("Locate"));
        assertEquals(1, compiled.groups().get(0).graph().opCounts().get("Reduce"));
        RunResult result = new ProgramRunner(new Simulator()).run(compiled, data(program, 0.2, 9), () -> false);
        assertTrue(result.verified(), result.verifications().toString());
    }

    @Test
    void sparseVectorDropsEmptyRowsWithCoordinateDrops() {
        Map<String, TensorDecl> tensors = new java.util.LinkedHashMap<>();
        tensors.put("A", TensorDecl.of("A", List.of(20, 15), List.of(LevelFormat.COMPRESSED, LevelFormat.COMPRESSED)));
        tensors.put("x", TensorDecl.of("x", List.of(15), List.of(LevelFormat.COMPRESSED)));
        tensors.put("y", TensorDecl.of("y", List.of(20), List.of(LevelFormat.COMPRESSED)));
        Program program = new Program("spmv", tensors, List.of(new Assignment(new Access("y", List.of(I)),
                new Product(new Access("A", List.of(I, J)), new Access("x", List.of(J))))));
        CompiledProgram compiled = Compiler.compile(program, "unfused", Schedule.unfused(1), "auto");
        assertEquals(1, compiled.groups().get(0).graph().opCounts().get("CrdDrop"));
        RunResult result = new ProgramRunner(new Simulator()).run(compiled, data(program, 0.1, 9), () -> false);
        assertTrue(result.verified(), result.verifications().toString());
    }

    @Test
    void invalidOrderListsTheValidOnes() {
        Program program = spmm(10, 10, 4);
        UserError error = assertThrows(UserError.class,
                () -> Compiler.compile(program, "unfused", Schedule.unfused(1), "ijk"));
        assertTrue(error.getMessage().contains("against its storage order"), error.getMessage());
        assertEquals("ikj", Compiler.compile(program, "unfused", Schedule.unfused(1), "#1").groups().get(0).order().name());
    }

    @Test
    void emptyRowsAndAllZeroMatrixStillVerify() {
        Program program = spmm(12, 9, 3);
        Map<String, FiberTensor> inputs = data(program, 0.0, 2);
        RunResult result = run(program, "auto", inputs, EngineOptions.DEFAULT);
        assertTrue(result.verified(), result.verifications().toString());
        assertEquals(0, result.total().ops());
    }

    @Test
    void ijkAndOneGroupPerAssignmentOfTwoSpmms() {
        // K(i,j) = A(i,k) X(k,j) then Z(i,l) = K(i,j) W(j,l): two groups, the first's output read back.
        IndexVar l = new IndexVar("l");
        Map<String, TensorDecl> tensors = new java.util.LinkedHashMap<>();
        tensors.put("A", TensorDecl.of("A", List.of(15, 12), List.of(LevelFormat.COMPRESSED, LevelFormat.COMPRESSED)));
        tensors.put("X", TensorDecl.of("X", List.of(12, 4), List.of(LevelFormat.DENSE, LevelFormat.DENSE)));
        tensors.put("K", TensorDecl.of("K", List.of(15, 4), List.of(LevelFormat.COMPRESSED, LevelFormat.COMPRESSED)));
        tensors.put("W", TensorDecl.of("W", List.of(4, 3), List.of(LevelFormat.DENSE, LevelFormat.DENSE)));
        tensors.put("Z", TensorDecl.of("Z", List.of(15, 3), List.of(LevelFormat.COMPRESSED, LevelFormat.COMPRESSED)));
        Program program = new Program("chain", tensors, List.of(
                new Assignment(new Access("K", List.of(I, J)), new Product(new Access("A", List.of(I, K)), new Access("X", List.of(K, J)))),
                new Assignment(new Access("Z", List.of(I, l)), new Product(new Access("K", List.of(I, J)), new Access("W", List.of(J, l))))));
        RunResult result = run(program, "auto", data(program, 0.2, 4), EngineOptions.DEFAULT);
        assertEquals(2, result.groups().size());
        assertEquals(result.groups().get(0).simulation().cycles() + result.groups().get(1).simulation().cycles(),
                result.total().cycles());
        assertTrue(result.verified(), result.verifications().toString());
    }
}
