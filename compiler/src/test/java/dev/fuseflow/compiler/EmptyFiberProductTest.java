package dev.fuseflow.compiler;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuseflow.compiler.ir.Program;
import dev.fuseflow.compiler.run.ProgramRunner;
import dev.fuseflow.compiler.run.RunResult;
import dev.fuseflow.compiler.schedule.Parallelization;
import dev.fuseflow.compiler.schedule.Schedule;
import dev.fuseflow.simulator.engine.EngineOptions;
import dev.fuseflow.simulator.engine.Simulator;
import dev.fuseflow.simulator.tensor.FiberTensor;
import dev.fuseflow.simulator.tensor.LevelFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code Y(i,h) = A(i,n) * B(n,h)} on many small sparsity patterns (seeded), for each pair of formats: rows of
 * A and of B that are empty, first, last or in the middle, and rows of A that meet only empty rows of B. A
 * row of B that is empty under the last coordinate of a row of A closes both fibers with one merged stop,
 * which the Spacc must leave for the coordinate it belongs to (GCN on the directed MAG graph met this).
 */
class EmptyFiberProductTest {
    private static final int PATTERNS = 3000;

    @ParameterizedTest(name = "A {0}, B {1}")
    @CsvSource({
        "'compressed, compressed', 'dense, compressed'",
        "'compressed, compressed', 'compressed, compressed'",
        "'dense, compressed', 'dense, compressed'",
        "'dense, compressed', 'compressed, compressed'",
    })
    void everyPatternVerifies(String aFormat, String bFormat) {
        Program program = Harness.parse("# program empty_fibers\n"
                + "A: (" + aFormat + ") [3, 3]\n"
                + "B: (" + bFormat + ") [3, 2]\n"
                + "Y: (dense, compressed) [3, 2]\n"
                + "Y(i,h) = A(i,n) * B(n,h)\n");
        CompiledProgram compiled = Compiler.compile(program, "unfused", Schedule.unfused(1), "auto",
                Parallelization.NONE);
        SplittableRandom random = new SplittableRandom(7);
        for (int pattern = 0; pattern < PATTERNS; pattern++) {
            Map<String, FiberTensor> inputs = Map.of(
                    "A", matrix("A", 3, 3, aFormat, random),
                    "B", matrix("B", 3, 2, bFormat, random));
            RunResult result = new ProgramRunner(new Simulator(EngineOptions.DEFAULT)).run(compiled, inputs, () -> false);
            assertTrue(result.verified(), "A " + inputs.get("A") + ", B " + inputs.get("B") + ": " + result.verifications());
        }
    }

    /** Entries present with probability 0.3, values 1..9 so that sums stay exact. */
    private static FiberTensor matrix(String name, int rows, int cols, String format, SplittableRandom random) {
        float[] values = new float[rows * cols];
        for (int k = 0; k < values.length; k++) {
            values[k] = random.nextInt(10) < 3 ? 1 + random.nextInt(9) : 0f;
        }
        List<LevelFormat> formats = List.of(format.split(",\\s*")).stream().map(word -> LevelFormat.valueOf(word.toUpperCase(java.util.Locale.ROOT))).toList();
        return FiberTensor.fromDense(name, new int[] {rows, cols}, formats, new int[] {0, 1}, values);
    }
}
