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

/**
 * Fork (Scatter) and Join (Gather), sam-streams-and-primitives.md §4.15. Comal's gather_2d_test* expect
 * the un-scattered stream and are #[ignore]d there; the code concatenates fibers, which is what we test.
 */
class ForkJoinTest {

    @ParameterizedTest(name = "fork {0}")
    @CsvSource(delimiter = '|', value = {
        "0 1 2 S0 0 1 2 S1 D | 0 2 S0 1 S1 D | 1 S0 0 2 S1 D",
        "0 S0 0 1 2 S1 D     | 0 S0 1 S1 D   | S0 0 2 S1 D",
    })
    void forkDealsValuesRoundRobinAcrossFibers(String in, String lane0, String lane1) {
        Channel a = empty("lane0");
        Channel b = empty("lane1");
        runToEnd(new Fork("f", channel(in), new Channel[] {a, b}));
        assertEquals(lane0.trim(), text(a));
        assertEquals(lane1.trim(), text(b));
    }

    @ParameterizedTest(name = "join {0} + {1}")
    @CsvSource(delimiter = '|', value = {
        "0 S0 1 S1 D   | S0 0 2 S1 D   | 0 S0 S0 1 S0 0 2 S1 D",
        "0 2 S0 1 S1 D | 1 S0 0 2 S1 D | 0 2 S0 1 S0 1 S0 0 2 S1 D",
    })
    void joinConcatenatesOneFiberPerLaneAndDoesNotInvertFork(String lane0, String lane1, String expected) {
        Channel out = empty("out");
        runToEnd(new Join("j", new Channel[] {channel(lane0), channel(lane1)}, out));
        assertEquals(expected.trim(), text(out));
    }

    @Test
    void forkTimingOneCyclePerTokenDoneIncluded() {
        Channel a = empty("lane0");
        Channel b = empty("lane1");
        Fork fork = new Fork("f", channel("i", "1@1 2@1 S0@1 D@1", false), new Channel[] {a, b});
        runToEnd(fork);
        assertEquals("1@2 S0@4 D@5", timed(a, false));
        assertEquals("2@3 S0@4 D@5", timed(b, false));
        assertEquals(5, fork.clock(), "Scatter adds 1 after forwarding D");
    }

    @Test
    void joinTimingANonLastLaneDoneCostsACycleTheLastEnds() {
        Channel out = empty("out");
        Join join = new Join("j", new Channel[] {channel("0 S0 1 S1 D"), channel("S0 0 2 S1 D")}, out);
        runToEnd(join);
        assertEquals("0@1 S0@2 S0@3 1@4 S0@5 0@6 2@7 S1@8 D@10", timed(out, false));
        assertEquals(9, join.clock());
    }

    @Test
    void forkDealsEmptyLikeAValueBecauseItStandsForOneCoordinate() {
        Channel a = empty("lane0");
        Channel b = empty("lane1");
        runToEnd(new Fork("f", channel("in", "1 N S0 D", false), new Channel[] {a, b}));
        assertEquals("1 S0 D", text(a));
        assertEquals("N S0 D", text(b));
    }

    @Test
    void joinRejectsEmpty() {
        Join join = new Join("j", new Channel[] {channel("lane0", "1 N S0 D", false), channel("S0 D")}, empty("out"));
        SimulationException error = assertThrows(SimulationException.class, () -> runToEnd(join));
        assertTrue(error.getMessage().contains("Join 'j'") && error.getMessage().contains("port 'lane0'")
                && error.getMessage().contains("token 1"), error.getMessage());
    }
}
