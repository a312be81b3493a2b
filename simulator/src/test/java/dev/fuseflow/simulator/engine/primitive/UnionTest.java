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
import dev.fuseflow.simulator.graph.BinaryOp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Union (NUnion) of sam-streams-and-primitives.md §4.7; timing from comal-timing-model.md §4.1. */
class UnionTest {

    // Comal's own union_2d_test runs NIntersect on these inputs; its vectors are the NUnion ones (§4.7).
    @ParameterizedTest(name = "union {0} | {2}")
    @CsvSource(delimiter = '|', value = {
        "0 1 3 5 S0 D | 0 1 2 3 S0 D | 0 2 3 4 S0 D | 0 1 2 3 S0 D | 0 1 2 3 4 5 S0 D | 0 1 N 2 N 3 S0 D | 0 N 1 2 3 N S0 D",
        "0 1 S0 2 3 S0 S0 4 5 S1 D | 0 1 S0 2 3 S0 S0 4 5 S1 D | 1 2 3 S0 S0 0 1 2 S0 S1 D | 0 1 2 S0 S0 2 3 4 S0 S1 D"
            + " | 0 1 2 3 S0 2 3 S0 0 1 2 S0 4 5 S1 D | 0 1 N N S0 2 3 S0 N N N S0 4 5 S1 D | N 0 1 2 S0 N N S0 2 3 4 S0 N N S1 D",
    })
    void unionKeepsCoordinatesOfAnyInput(String crd1, String ref1, String crd2, String ref2, String outCrd,
            String outRef1, String outRef2) {
        Channel crd = empty("crd");
        Channel r1 = empty("r1");
        Channel r2 = empty("r2");
        runToEnd(new Union("u", new Channel[] {channel(crd1), channel(crd2)},
                new Channel[] {channel(ref1), channel(ref2)}, crd, new Channel[] {r1, r2}));
        assertEquals(outCrd.trim(), text(crd));
        assertEquals(outRef1.trim(), text(r1));
        assertEquals(outRef2.trim(), text(r2));
    }

    @Test
    void threeWayUnion() {
        Channel crd = empty("crd");
        Channel[] refs = {empty("r1"), empty("r2"), empty("r3")};
        runToEnd(new Union("u", new Channel[] {channel("0 S0 D"), channel("1 S0 D"), channel("0 2 S0 D")},
                new Channel[] {channel("5 S0 D"), channel("6 S0 D"), channel("7 8 S0 D")}, crd, refs));
        assertEquals("0 1 2 S0 D", text(crd));
        assertEquals("5 N N S0 D", text(refs[0]));
        assertEquals("N 6 N S0 D", text(refs[1]));
        assertEquals("7 N 8 S0 D", text(refs[2]));
    }

    @Test
    void unionOfValueStreamsFeedsAnAdderThatReadsEmptyAsZero() {
        Channel crd = empty("crd");
        Channel v1 = empty("v1");
        Channel v2 = empty("v2");
        runToEnd(new Union("u", new Channel[] {channel("0 1 S0 D"), channel("1 2 S0 D")},
                new Channel[] {channel("a", "1.5 2 S0 D", true), channel("b", "10 20 S0 D", true)}, crd,
                new Channel[] {v1, v2}));
        assertEquals("1.5 2 N S0 D", text(v1, true));
        assertEquals("N 10 20 S0 D", text(v2, true));
        Channel sum = empty("sum");
        runToEnd(new BinaryAlu("add", BinaryOp.ADD, 1, 1, v1, v2, sum));
        assertEquals("1.5 12 20 S0 D", text(sum, true));
    }

    @Test
    void timingLatestHeadStampThenOneCyclePerDecision() {
        Channel crd = empty("crd");
        Channel r1 = empty("r1");
        Channel r2 = empty("r2");
        Union union = new Union("u", new Channel[] {channel("c1", "0@1 1@1 S0@1 D@1", false),
            channel("c2", "1@4 S0@4 D@4", false)}, new Channel[] {channel("r1", "0@1 1@1 S0@1 D@1", false),
            channel("r2", "0@4 S0@4 D@4", false)}, crd, new Channel[] {r1, r2});
        runToEnd(union);
        assertEquals("0@5 1@6 S0@7 D@8", timed(crd, false));
        assertEquals("0@5 1@6 S0@7 D@8", timed(r1, false));
        assertEquals("N@5 0@6 S0@7 D@8", timed(r2, false));
        assertEquals(7, union.clock(), "D ends without its increment");
    }

    @Test
    void timingAStopHeadStillCostsADecision() {
        Channel crd = empty("crd");
        Channel r2 = empty("r2");
        Union union = new Union("u", new Channel[] {channel("0 S0 D"), channel("S0 D")},
                new Channel[] {channel("0 S0 D"), channel("S0 D")}, crd, new Channel[] {empty("r1"), r2});
        runToEnd(union);
        assertEquals("0@1 S0@2 D@3", timed(crd, false));
        assertEquals("N@1 S0@2 D@3", timed(r2, false));
        assertEquals(2, union.clock());
    }

    @Test
    void mismatchedStopLevelsBreakTheGrammar() {
        Union union = new Union("u", new Channel[] {channel("c1", "0 S0 D", false), channel("c2", "1 S1 D", false)},
                new Channel[] {channel("0 S0 D"), channel("0 S1 D")}, empty("crd"), new Channel[] {empty("a"), empty("b")});
        SimulationException error = assertThrows(SimulationException.class, () -> runToEnd(union));
        assertTrue(error.getMessage().contains("Union 'u'"), error.getMessage());
        assertTrue(error.getMessage().contains("port 'c2'"), error.getMessage());
        assertTrue(error.getMessage().contains("token 1"), error.getMessage());
    }

    @Test
    void emptyCrdHeadSkipsItsRefOutputUntilAStopMakesItFatal() {
        // Comal's quirk: an N crd head emits nothing on its out_ref and is never popped ("Coord should
        // never be empty" once another input shows a stop).
        Channel crd = empty("crd");
        Channel r1 = empty("r1");
        Channel r2 = empty("r2");
        Union union = new Union("u", new Channel[] {channel("c1", "N S0 D", false), channel("c2", "0 1 S0 D", false)},
                new Channel[] {channel("N S0 D"), channel("0 1 S0 D")}, crd, new Channel[] {r1, r2});
        SimulationException error = assertThrows(SimulationException.class, () -> runToEnd(union));
        assertTrue(error.getMessage().contains("port 'c1'") && error.getMessage().contains("token 0"),
                error.getMessage());
        assertEquals("0 1", text(crd));
        assertEquals("", text(r1));
        assertEquals("0 1", text(r2));
    }
}
