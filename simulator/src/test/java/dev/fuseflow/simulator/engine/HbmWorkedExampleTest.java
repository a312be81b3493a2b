package dev.fuseflow.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fuseflow.simulator.memory.MemorySpec;
import dev.fuseflow.simulator.tensor.CompressedLevel;
import dev.fuseflow.simulator.tensor.FiberTensor;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * comal-timing-model.md §8.2: the §8.1 graph with Comal's HBM — 124 cycles (the maximum over the
 * non-memory contexts; Comal adds a nondeterministic 0–3 cycle HBM tail that no exact engine reproduces).
 */
class HbmWorkedExampleTest {
    private static final EngineOptions HBM = EngineOptions.DEFAULT.withMemory(MemorySpec.COMAL_HBM);

    private static SimulationResult run(EngineOptions options) {
        return new Simulator(options).simulate(WorkedExampleTest.copyGraph(), Map.of("b", WorkedExampleTest.b()),
                () -> false);
    }

    @Test
    void oneHundredTwentyFourCyclesAndTheSameOutputs() {
        SimulationResult result = run(HBM);
        assertEquals(124, result.cycles());
        FiberTensor x = result.outputs().get("x");
        CompressedLevel level = (CompressedLevel) x.level(0);
        assertArrayEquals(new int[] {1, 3, 4}, level.crd());
        assertArrayEquals(new int[] {0, 3}, level.seg());
        assertArrayEquals(new float[] {10, 20, 30}, x.values());
        assertEquals(3, result.statistics().valReads());
        assertEquals(3, result.statistics().valWrites());
        // bytes: seg 2 + crd 3 + vals 3 read; crd 3 + seg 1 + vals 3 written; 4 bytes each
        assertEquals(4 * 8, result.statistics().dramBytesRead());
        assertEquals(4 * 7, result.statistics().dramBytesWritten());
    }

    @Test
    void everyPrimitiveEndsAtItsDocumentedClock() {
        Map<String, Long> expected = Map.of("Root", 2L, "FiberLookup", 40L, "FiberWrite", 83L, "Array", 63L,
                "ValueWrite", 124L);
        for (PrimitiveStats p : run(HBM).primitives()) {
            assertEquals(expected.get(p.kind()), p.lastActiveCycle(), p.name());
        }
    }

    @Test
    void steppingOrderAndBudgetDoNotChangeTheResult() {
        for (EngineOptions.StepOrder order : EngineOptions.StepOrder.values()) {
            for (int budget : new int[] {1, 2, 5, 1024}) {
                for (long seed = 0; seed < 4; seed++) {
                    EngineOptions options = HBM.withOrder(order, seed).withBudget(budget, 1 + budget % 3);
                    assertEquals(124, run(options).cycles(), order + " budget " + budget + " seed " + seed);
                }
            }
        }
    }

    @Test
    void boundedProfileWithHbmGivesTheSameCyclesWhenFifosAreDeepEnough() {
        assertEquals(124, run(HBM.withTiming(TimingProfile.BOUNDED, 8)).cycles());
    }
}
