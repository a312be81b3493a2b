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
 * FiberDrop: CrdDrop's outer output, and the inner and payload streams without the emptied fibers. The payload
 * here is the inner coordinate plus 100 (a reference stream aligned with the inner coordinates).
 */
class FiberDropTest {
    private final Channel outOuter = empty("out_outer");
    private final Channel outInner = empty("out_inner");
    private final Channel outPayload = empty("out_payload");

    private static String payloadOf(String inner) {
        StringBuilder out = new StringBuilder();
        for (String token : inner.trim().split(" ")) {
            out.append(out.length() == 0 ? "" : " ")
                    .append(Character.isDigit(token.charAt(0)) ? String.valueOf(Integer.parseInt(token) + 100) : token);
        }
        return out.toString();
    }

    private FiberDrop drop(String outer, String inner) {
        return new FiberDrop("f", channel(outer), channel("in_crd_inner", inner, false),
                channel("in_payload", payloadOf(inner), false), outOuter, outInner, outPayload);
    }

    @ParameterizedTest(name = "{0} by {1}")
    @CsvSource(delimiter = '|', value = {
        // nothing empty: everything passes
        "0 1 S0 D             | 1 S0 1 S1 D             | 0 1 S0 D         | 1 S0 1 S1 D",
        // an empty row in the middle, at the end, at the start
        "0 1 2 S0 D           | 5 S0 S0 6 S1 D          | 0 2 S0 D         | 5 S0 6 S1 D",
        "0 1 S0 D             | 5 S0 S1 D               | 0 S0 D           | 5 S1 D",
        "0 1 S0 D             | S0 5 S1 D               | 1 S0 D           | 5 S1 D",
        // every row empty: an empty two-level tree
        "0 1 S0 D             | S0 S1 D                 | S0 D             | S1 D",
        // two outer fibers (a third level above): the second loses its only row, which becomes its bare stop
        "0 S0 1 S1 D          | 5 S1 S2 D               | 0 S0 S1 D        | 5 S1 S2 D",
        // the first loses its last row: the kept row's stop is raised to close the outer fiber
        "0 1 S0 2 S1 D        | 5 S0 S1 6 S2 D          | 0 S0 2 S1 D      | 5 S1 6 S2 D",
        // the first loses every row, the second keeps one
        "0 1 S0 2 S1 D        | S0 S1 6 S2 D            | S0 2 S1 D        | S1 6 S2 D",
        // an outer fiber that was empty already keeps its bare stop
        "0 S0 S0 2 S1 D       | 5 S1 S1 6 S2 D          | 0 S0 S0 2 S1 D   | 5 S1 S1 6 S2 D",
        // ... also after a removed row whose stop it must not swallow
        "0 1 S0 S0 2 S1 D     | 5 S0 S1 S1 6 S2 D       | 0 S0 S0 2 S1 D   | 5 S1 S1 6 S2 D",
        // a removed first row of the second outer fiber leaves the first fiber's stop as it was
        "0 S0 1 2 S1 D        | 5 S1 S0 6 S2 D          | 0 S0 2 S1 D      | 5 S1 6 S2 D",
    })
    void removesEmptyFibersFromAllThreeStreams(String outer, String inner, String expectedOuter,
            String expectedInner) {
        runToEnd(drop(outer, inner));
        assertEquals(expectedOuter.trim(), text(outOuter));
        assertEquals(expectedInner.trim(), text(outInner));
        assertEquals(payloadOf(expectedInner), text(outPayload));
    }

    @Test
    void outerCoordinateLeavesWithTheFirstInnerCoordinate() {
        FiberDrop drop = new FiberDrop("f", channel("0 1 S0 D"), channel("i", "5@4 S0@6 S1@9 D@9", false),
                channel("p", "105@4 S0@6 S1@9 D@9", false), outOuter, outInner, outPayload);
        runToEnd(drop);
        assertEquals("0@5 S0@11 D@12", timed(outOuter, false));
        // the held S0 is raised to S1 by the removed last row and released at D
        assertEquals("5@5 S1@12 D@12", timed(outInner, false));
        assertEquals(11, drop.clock());
    }

    @Test
    void payloadOutOfStepBreaksTheGrammar() {
        FiberDrop drop = new FiberDrop("f", channel("0 S0 D"), channel("in_crd_inner", "5 S0 D", false),
                channel("in_payload", "105 S1 D", false), outOuter, outInner, outPayload);
        SimulationException error = assertThrows(SimulationException.class, () -> runToEnd(drop));
        assertTrue(error.getMessage().contains("FiberDrop 'f'") && error.getMessage().contains("port 'in_payload'"),
                error.getMessage());
    }

    @Test
    void emptyTokenOnTheInnerStreamBreaksTheGrammar() {
        FiberDrop drop = new FiberDrop("f", channel("0 S0 D"), channel("in_crd_inner", "N S0 D", false),
                channel("in_payload", "N S0 D", false), outOuter, outInner, outPayload);
        SimulationException error = assertThrows(SimulationException.class, () -> runToEnd(drop));
        assertTrue(error.getMessage().contains("port 'in_crd_inner'"), error.getMessage());
    }
}
