package dev.fuseflow.simulator.engine.primitive;

import static dev.fuseflow.simulator.engine.TokenStreams.channel;
import static dev.fuseflow.simulator.engine.TokenStreams.empty;
import static dev.fuseflow.simulator.engine.TokenStreams.runToEnd;
import static dev.fuseflow.simulator.engine.TokenStreams.text;
import static dev.fuseflow.simulator.engine.TokenStreams.timed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuseflow.simulator.engine.Channel;
import dev.fuseflow.simulator.engine.SimulationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** DrivenReduce: one result per outer coordinate ({@code N} for an empty fiber) and the outer stream's stops. */
class DrivenReduceTest {
    private final Channel out = empty("out_val");

    @ParameterizedTest(name = "{0} over {1}")
    @CsvSource(delimiter = '|', value = {
        // no empty fiber: what a Reduce gives
        "0 1 S0 D          | 1.0 2.0 S0 3.0 S1 D           | 3 3 S0 D",
        // an empty fiber in the middle, first and last: N in its place (a Reduce would drop it or misplace it)
        "0 1 2 S0 D        | 1.0 S0 S0 2.0 S1 D            | 1 N 2 S0 D",
        "0 1 S0 D          | S0 2.0 S1 D                   | N 2 S0 D",
        "0 1 S0 D          | 2.0 S0 S1 D                   | 2 N S0 D",
        // an N value (an operand absent at a union's coordinate) is skipped
        "0 S0 D            | N 4.0 S1 D                    | 4 S0 D",
        // an empty outer fiber: its bare inner stop is taken, its outer stop passed on
        "0 S0 S0 1 S1 D    | 1.0 S1 S1 2.0 S2 D            | 1 S0 S0 2 S1 D",
        // an empty last fiber of an outer fiber, then an empty outer fiber
        "0 1 S0 S0 S1 D    | 5.0 S0 S1 S1 S2 D             | 5 N S0 S0 S1 D",
    })
    void oneResultPerOuterCoordinate(String outer, String in, String expected) {
        runToEnd(new DrivenReduce("r", false, 1, null, channel(outer), channel("in_val", in, true), out));
        assertEquals(expected.trim(), text(out, true));
    }

    @Test
    void maxOfNegativeValuesIsTheMaximum() {
        runToEnd(new DrivenReduce("r", true, 1, null, channel("0 1 S0 D"), channel("in_val", "-3.0 -1.0 S0 S1 D", true),
                out));
        assertEquals("-1 N S0 D", text(out, true));
    }

    @Test
    void timingIsReducesOneCyclePerValueAndPerStop() {
        DrivenReduce reduce = new DrivenReduce("r", false, 1, null, channel("0 1 S0 D"),
                channel("in_val", "1.0@0 2.0@0 S0@0 S1@5 D@5", true), out);
        runToEnd(reduce);
        // values at t = 0, 1; the fiber's stop at t = 2 emits the sum at 3; the empty fiber's stop waits for its
        // stamp 5 and emits N at 6; the outer stop at t = 6 leaves at 7; D at 8
        assertEquals("3@3 N@6 S0@7 D@8", timed(out, true));
        assertEquals(7, reduce.clock());
    }

    @Test
    void aValueWhereTheOuterStreamEndsBreaksTheGrammar() {
        DrivenReduce reduce = new DrivenReduce("r", false, 1, null, channel("S0 D"), channel("in_val", "1.0 S1 D", true),
                out);
        SimulationException error = assertThrows(SimulationException.class, () -> runToEnd(reduce));
        assertTrue(error.getMessage().contains("port 'in_val'"), error.getMessage());
    }
}
