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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The ordered join puts a Fork's lanes back in coordinate order: the lanes below are what a region
 * cloned per lane produces for the coordinates the fork dealt it (round-robin across fibers).
 */
class OrderedJoinTest {

    @ParameterizedTest(name = "control {0}, depth {1}")
    @CsvSource(delimiter = '|', value = {
        // three i coordinates over two lanes: lane 0 has i=0,2, lane 1 has i=1 (an uneven split)
        "0 1 2 S0 D       | 0  | 10 11 S0 30 S1 D  | 20 S1 D          | 10 11 S0 20 S0 30 S1 D",
        // j inside i, the fork's turn runs on across the i fibers: lane 0 has j=0,2, lane 1 has j=1
        "0 1 S0 2 S1 D    | 0  | 10 S1 30 S2 D     | 20 S1 S2 D       | 10 S0 20 S1 30 S2 D",
        // one value per element
        "0 1 2 S0 D       | -1 | 10 30 S0 D        | 20 S0 D          | 10 20 30 S0 D",
        // empty fibers in the control stream reach every lane as bare stops
        "0 S0 S0 1 S1 D   | -1 | 10 S0 S0 S1 D     | S0 S0 20 S1 D    | 10 S0 S0 20 S1 D",
        // an element whose own sub-fiber is empty, and deeper stops inside an element
        "0 1 S0 D         | 1  | 5 S0 6 S2 D       | S2 D             | 5 S0 6 S1 S2 D",
    })
    void restoresForkOrder(String control, int depth, String lane0, String lane1, String expected) {
        Channel out = empty("out");
        runToEnd(new OrderedJoin("j", channel(control), new Channel[] {channel(lane0), channel(lane1)}, depth, out));
        assertEquals(expected.trim(), text(out));
    }

    @Test
    void oneCyclePerEmittedToken() {
        Channel out = empty("out");
        OrderedJoin join = new OrderedJoin("j", channel("0 1 S0 D"),
                new Channel[] {channel("10 S1 D"), channel("20 S1 D")}, 0, out);
        runToEnd(join);
        assertEquals("10@1 S0@2 20@3 S1@4 D@5", timed(out, false));
    }

    @Test
    void aLaneThatEndsItsFiberAtTheWrongLevelIsAGrammarError() {
        OrderedJoin join = new OrderedJoin("j", channel("0 S0 D"),
                new Channel[] {channel("10 S1 D"), channel("lane1", "S2 D", false)}, 0, empty("out"));
        SimulationException error = assertThrows(SimulationException.class, () -> runToEnd(join));
        assertTrue(error.getMessage().contains("OrderedJoin 'j'") && error.getMessage().contains("lane1"),
                error.getMessage());
    }
}
