package dev.fuseflow.simulator.engine.primitive;

import static dev.fuseflow.simulator.engine.TokenStreams.channel;
import static dev.fuseflow.simulator.engine.TokenStreams.empty;
import static dev.fuseflow.simulator.engine.TokenStreams.runToEnd;
import static dev.fuseflow.simulator.engine.TokenStreams.text;
import static dev.fuseflow.simulator.engine.TokenStreams.timed;
import static dev.fuseflow.simulator.engine.TokenStreams.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuseflow.simulator.engine.Channel;
import dev.fuseflow.simulator.engine.SimulationException;
import org.junit.jupiter.api.Test;

/**
 * Spacc2 (sam-streams-and-primitives.md §4.13). Comal's spacc2_2d_test* vectors are copy-pastes
 * (§6) and are not used; SAM's test_spacc2new_direct vector is, as the Comal code reproduces it.
 */
class Spacc2Test {
    private final Channel crd1 = empty("crd1");
    private final Channel crd0 = empty("crd0");
    private final Channel val = empty("val");

    private Spacc2 spacc(String reduced, String kept, String inner, String vals) {
        return new Spacc2("s", channel("in_crd2", reduced, false), channel("in_crd1", kept, false),
                channel("in_crd0", inner, false), channel("in_val", vals, true), crd1, crd0, val);
    }

    @Test
    void reducesTheLevelAboveTwoKeptLevels() {
        Spacc2 s = spacc("0 1 S0 D", "0 2 S0 2 S1 D", "0 2 3 S0 0 2 3 S1 0 2 3 S2 D",
                "50 5 10 S0 40 4 8 S1 -40 33 36 S2 D");
        runToEnd(s);
        assertEquals("0 2 S0 D", text(crd1));
        assertEquals("0 2 3 S0 0 2 3 S1 D", text(crd0));
        assertEquals("50 5 10 S0 0 37 44 S1 D", text(val, true));
        assertEquals(9, s.stats().reduces());
    }

    @Test
    void flushStopLevelsFollowTheReducedStop() {
        // Two reduced fibers under an outer level: the flush on S0 ends its last kept fiber with S1, the
        // flush on S1 with S2; an empty accumulator emits only the stop on crd1.
        runToEnd(spacc("0 S0 1 S1 D", "4 S0 3 5 S1 D", "7 S1 1 S0 2 S2 D", "1 S1 2 S0 3 S2 D"));
        assertEquals("4 S0 3 5 S1 D", text(crd1));
        assertEquals("7 S1 1 S0 2 S2 D", text(crd0));
        assertEquals("1 S1 2 S0 3 S2 D", text(val, true));
    }

    @Test
    void timingWholeFlushAtOneStampOneCyclePerIteration() {
        Spacc2 s = spacc("0 1 S0 D", "0 2 S0 2 S1 D", "0 2 3 S0 0 2 3 S1 0 2 3 S2 D",
                "50 5 10 S0 40 4 8 S1 -40 33 36 S2 D");
        runToEnd(s);
        // 14 accumulate/pop iterations, the flush in the 15th, D in the 16th without increment.
        assertEquals("0@15 2@15 S0@15 D@16", timed(crd1, false));
        assertEquals("0@15 2@15 3@15 S0@15 0@15 2@15 3@15 S1@15 D@16", timed(crd0, false));
        assertEquals(15, s.clock());
    }

    @Test
    void anOperandWithNoEntriesFinishesEmpty() {
        // Comal panics on crd2 D, crd1 D, crd0 S2 (simulator/DEVIATIONS.md).
        runToEnd(spacc("S0 D", "S1 D", "S2 D", "S2 D"));
        assertEquals("S0 D", text(crd1));
        assertEquals("D", text(crd0));
        assertEquals("D", text(val, true));
    }

    @Test
    void innerAndValueKindsMustAgree() {
        Spacc2 s = spacc("0 S0 D", "0 S1 D", "0 S2 D", "1 2 D");
        SimulationException error = assertThrows(SimulationException.class, () -> runToEnd(s));
        assertTrue(error.getMessage().contains("Spacc2 's'") && error.getMessage().contains("port 'in_val'")
                && error.getMessage().contains("token 1"), error.getMessage());
    }
}
