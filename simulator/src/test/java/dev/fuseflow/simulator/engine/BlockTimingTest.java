package dev.fuseflow.simulator.engine;

import static dev.fuseflow.simulator.engine.TokenStreams.channel;
import static dev.fuseflow.simulator.engine.TokenStreams.empty;
import static dev.fuseflow.simulator.engine.TokenStreams.runToEnd;
import static dev.fuseflow.simulator.engine.TokenStreams.text;
import static dev.fuseflow.simulator.engine.TokenStreams.timed;
import static dev.fuseflow.simulator.engine.TokenStreams.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuseflow.simulator.engine.primitive.BinaryAlu;
import dev.fuseflow.simulator.engine.primitive.Reduce;
import dev.fuseflow.simulator.engine.primitive.Spacc1;
import dev.fuseflow.simulator.engine.primitive.UnaryAlu;
import dev.fuseflow.simulator.graph.BinaryOp;
import dev.fuseflow.simulator.graph.UnaryOp;
import dev.fuseflow.simulator.memory.MemorySpec;
import dev.fuseflow.simulator.tensor.FiberTensor;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The block-mode timing rules (comal-timing-model.md §4.1 Array/Unary/Reduce/MaxReduce/Spacc rows, §4.4,
 * §5): the latencies {@link ValueMode} gives, the primitives built with them, and the wiring that
 * applies them to a whole graph. (§8.3's non-monotonic Array stamps at b = 16 are
 * AccumulateAndWriteTest.blockArrayStampsAreNonMonotonicAndTheWriterTakesTheMax.)
 */
class BlockTimingTest {

    @ParameterizedTest(name = "{0} {1} b={2}: latency {3}, ii {4}")
    @CsvSource({
        "SCALAR,       MUL,     1,  1,    1",
        "SCALAR,       ADD,     1,  1,    1",
        "BLOCK_TIMING, MUL,     16, 256,  16",
        "BLOCK_TIMING, MUL,     32, 1024, 32",
        "BLOCK_TIMING, MUL,     64, 4096, 64",
        "BLOCK_TIMING, ADD,     16, 256,  1",
        "BLOCK_TIMING, SUB,     32, 1024, 1",
        "BLOCK_TIMING, DIV,     64, 4096, 1",
        "BLOCK_TIMING, ELEMMUL, 16, 256,  1",
        "TRUE_BLOCK,   MUL,     16, 31,   16",
        "TRUE_BLOCK,   MUL,     64, 127,  64",
        "TRUE_BLOCK,   ADD,     16, 256,  1",
        "TRUE_BLOCK,   SUB,     32, 1024, 1",
        "TRUE_BLOCK,   ELEMMUL, 64, 4096, 1",
    })
    void binaryLatencyTable(ValueMode mode, BinaryOp op, int b, long latency, long interval) {
        assertEquals(latency, mode.binaryLatency(op, b));
        assertEquals(interval, mode.binaryInterval(op, b));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ValueMode.class)
    void arrayUnaryAndReduceLatencies(ValueMode mode) {
        int b = mode == ValueMode.SCALAR ? 1 : 16;
        assertEquals((long) b * b, mode.arrayLatency(b));
        assertEquals(b, mode.unaryLatency(b));
        assertEquals(mode == ValueMode.TRUE_BLOCK ? 256 : 1, mode.reduceLatency(b), "Reduce<N>: N = 1 except true-block");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // b = 16: Mul latency 256, ii 16 (the stop pair and D go out at t+1 after ii has been added)
        "MUL,     3@256 8@272 S0@33 D@49, 48",
        "ADD,     4@256 6@257 S0@3 D@4,   3",
        "SUB,     -2@256 -2@257 S0@3 D@4, 3",
        "DIV,     0.33333334@256 0.5@257 S0@3 D@4, 3",
        "ELEMMUL, 3@256 8@257 S0@3 D@4,   3",
    })
    void blockTimingBinaryStamps(BinaryOp op, String expected, long finalClock) {
        ValueMode mode = ValueMode.BLOCK_TIMING;
        Channel out = empty("out");
        BinaryAlu alu = new BinaryAlu("b", op, mode.binaryLatency(op, 16), mode.binaryInterval(op, 16),
                values("1 2 S0 D"), values("3 4 S0 D"), out);
        runToEnd(alu);
        assertEquals(expected, timed(out, true));
        assertEquals(finalClock, alu.clock());
    }

    @Test
    void blockTimingUnaryValueAtTPlusB() {
        Channel out = empty("out");
        UnaryAlu alu = new UnaryAlu("u", UnaryOp.SCALAR_MUL, 2, ValueMode.BLOCK_TIMING.unaryLatency(32),
                channel("v", "1@1 3@1 S0@1 D@1", true), out);
        runToEnd(alu);
        assertEquals("2@33 6@34 S0@4 D@5", timed(out, true));
        assertEquals(4, alu.clock());
    }

    @ParameterizedTest(name = "max={0}")
    @ValueSource(booleans = {false, true})
    void blockTimingReduceAndMaxReduceEmitAtTPlusOne(boolean max) {
        ValueMode mode = ValueMode.BLOCK_TIMING;
        Channel out = empty("out");
        Reduce reduce = new Reduce("r", max, max ? 1 : mode.reduceLatency(16), values("5@1 N@1 3@1 S1@1 D@1"), out);
        runToEnd(reduce);
        assertEquals((max ? "5" : "8") + "@4 S0@4 D@5", timed(out, true));
        assertEquals(4, reduce.clock());
    }

    @Test
    void blockModesLeaveSpaccTimingAsInScalarMode() {
        // Spacc1 has no block latency in any builder: four accumulate/pop iterations (t = 2..5), then the
        // flush at t+1 = 6 and D at 7.
        Channel crd = empty("crd");
        Channel val = empty("val");
        Spacc1 spacc = new Spacc1("s", channel("o", "0@1 1@1 S0@1 D@1", false),
                channel("i", "2@1 S0@1 2@1 S1@1 D@1", false), channel("v", "1@1 S0@1 2@1 S1@1 D@1", true), crd, val);
        runToEnd(spacc);
        assertEquals("2@6 S0@6 D@7", timed(crd, false));
        assertEquals("3 S0 D", text(val, true));
    }

    @Test
    void theWiringAppliesBlockTimingToAWholeGraph() {
        // §8.1 under block-timing b = 16, derived by hand: the scanner emits refs @2,3,4 and S0@5, D@6; the
        // array takes them at 2, 3, 4 and emits values @258, 259, 260 (t + 256), S0@6, D@7; the value writer
        // takes the values at 258..260 (t = 261), S0 free, D at 261, +1 -> 262.
        EngineOptions options = EngineOptions.DEFAULT.withValues(ValueMode.BLOCK_TIMING, 16);
        Map<String, FiberTensor> inputs = Map.of("b", WorkedExampleTest.b());
        for (EngineOptions.StepOrder order : EngineOptions.StepOrder.values()) {
            for (int budget : new int[] {1, 1024}) {
                SimulationResult result = new Simulator(options.withOrder(order, 3).withBudget(budget, 1))
                        .simulate(WorkedExampleTest.copyGraph(), inputs, () -> false);
                assertEquals(262, result.cycles(), order + " budget " + budget);
                assertArrayEquals(new float[] {10, 20, 30}, result.outputs().get("x").values(), "values stay scalar");
            }
        }
        assertEquals(8, new Simulator().simulate(WorkedExampleTest.copyGraph(), inputs, () -> false).cycles());
    }

    @Test
    void optionsRejectInconsistentModes() {
        IllegalArgumentException scalar = assertThrows(IllegalArgumentException.class,
                () -> EngineOptions.DEFAULT.withValues(ValueMode.SCALAR, 16));
        assertTrue(scalar.getMessage().contains("block-timing or true-block"), scalar.getMessage());
        IllegalArgumentException tiny = assertThrows(IllegalArgumentException.class,
                () -> EngineOptions.DEFAULT.withValues(ValueMode.BLOCK_TIMING, 1));
        assertTrue(tiny.getMessage().contains("at least 2"), tiny.getMessage());
        IllegalArgumentException memory = assertThrows(IllegalArgumentException.class,
                () -> EngineOptions.DEFAULT.withMemory(MemorySpec.COMAL_HBM).withValues(ValueMode.TRUE_BLOCK, 16));
        assertTrue(memory.getMessage().contains("memory model"), memory.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ValueMode.parse("blocks"));
        assertEquals(ValueMode.BLOCK_TIMING, ValueMode.parse("block-timing"));
    }

    @Test
    void trueBlockModeNeedsBlockTensors() {
        Simulator simulator = new Simulator(EngineOptions.DEFAULT.withValues(ValueMode.TRUE_BLOCK, 4));
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> simulator.simulate(
                WorkedExampleTest.copyGraph(), Map.of("b", WorkedExampleTest.b()), () -> false));
        assertTrue(error.getMessage().contains("simulateBlocks"), error.getMessage());
    }
}
