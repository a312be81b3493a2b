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
import dev.fuseflow.simulator.graph.MaskPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CrdHold and CrdDrop (sam-streams-and-primitives.md §4.14), CrdMask and StopDropper (§4.17). */
class CrdManagerTest {
    private final Channel outOuter = empty("out_outer");
    private final Channel outInner = empty("out_inner");

    private static void assertGrammarError(Runnable run, String kind, String port, int index) {
        SimulationException error = assertThrows(SimulationException.class, run::run);
        String message = error.getMessage();
        assertTrue(message.contains(kind) && message.contains("port '" + port + "'")
                && message.contains("token " + index), message);
    }

    @ParameterizedTest(name = "hold {0} per {1}")
    @CsvSource(delimiter = '|', value = {
        "0 1 2 S0 D         | 0 2 S0 2 S0 2 S1 D                  | 0 0 S0 1 S0 2 S1 D",
        "0 2 S0 3 S0 4 S1 D | 0 2 3 S0 0 2 3 S1 0 S1 2 3 S2 D     | 0 0 0 S0 2 2 2 S1 3 S1 4 4 S2 D",
        "0 1 2 5 S0 D       | 1 2 5 S0 2 S0 2 S0 2 3 4 5 S1 D     | 0 0 0 S0 1 S0 2 S0 5 5 5 5 S1 D",
    })
    void crdHoldRepeatsTheOuterCoordinatePerInnerCoordinate(String outer, String inner, String expected) {
        runToEnd(new CrdHold("h", channel(outer), channel(inner), outOuter, outInner));
        assertEquals(expected.trim(), text(outOuter));
        assertEquals(inner.trim(), text(outInner));
    }

    @Test
    void crdHoldTimingOneCyclePerInnerTokenAndThePeekAfterAnOuterStop() {
        CrdHold hold = new CrdHold("h", channel("o", "0@0 S0@0 3@8 S1@8 D@8", false),
                channel("1 S0 4 S1 D"), outOuter, outInner);
        runToEnd(hold);
        assertEquals("1@1 S0@2 4@3 S1@10 D@11", timed(outInner, false));
        assertEquals("0@1 S0@2 3@9 S1@10 D@11", timed(outOuter, false));
        assertEquals(10, hold.clock());
    }

    @Test
    void crdHoldRejectsEmpty() {
        CrdHold hold = new CrdHold("h", channel("0 S0 D"), channel("in_crd_inner", "1 N S0 D", false), outOuter, outInner);
        assertGrammarError(() -> runToEnd(hold), "CrdHold 'h'", "in_crd_inner", 1);
    }

    @ParameterizedTest(name = "drop {0} by {1}")
    @CsvSource(delimiter = '|', value = {
        "0 1 S0 D     | 1 S0 S1 D            | 0 S0 D",
        "0 1 S0 D     | 1 S0 1 S1 D          | 0 1 S0 D",
        "0 1 2 3 S0 D | 1 S0 1 S0 S0 1 S1 D  | 0 1 3 S0 D",
        "1 S0 D       | 1 2 3 S1 D           | 1 S0 D",
    })
    void crdDropRemovesOuterCoordinatesOfEmptyFibersAndPassesTheInnerStream(String outer, String inner,
            String expected) {
        runToEnd(new CrdDrop("d", channel(outer), channel(inner), outOuter, outInner));
        assertEquals(expected.trim(), text(outOuter));
        assertEquals(inner.trim(), text(outInner));
    }

    @ParameterizedTest(name = "drop {0} by {1}")
    @CsvSource(delimiter = '|', value = {
        // Comal: outer "S0 D" and an inner output without D (the inner S1 is taken at the outer D).
        "S0 D              | S1 D               | S0 D",
        // Comal: outer "0 S0 S0 S1 D" (coordinate 1 lost) and an inner output cut after "5 S1 S1".
        "0 S0 S0 1 S1 D    | 5 S1 S1 7 S2 D     | 0 S0 S0 1 S1 D",
    })
    void crdDropTakesTheBareInnerStopOfAnEmptyOuterFiber(String outer, String inner, String expected) {
        // Deviation from Comal's two edge cases of §4.14 (simulator/DEVIATIONS.md).
        runToEnd(new CrdDrop("d", channel(outer), channel(inner), outOuter, outInner));
        assertEquals(expected.trim(), text(outOuter));
        assertEquals(inner.trim(), text(outInner));
    }

    @Test
    void crdDropTimingAnArrivedFiberLeavesAtOneStamp() {
        CrdDrop drop = new CrdDrop("d", channel("0 1 S0 D"), channel("1 2 S0 S1 D"), outOuter, outInner);
        runToEnd(drop);
        assertEquals("1@1 2@1 S0@1 S1@2 D@4", timed(outInner, false));
        assertEquals("0@1 S0@3 D@4", timed(outOuter, false));
        assertEquals(3, drop.clock());
    }

    @Test
    void crdDropTimingAnArrivingFiberLeavesOneCycleBehind() {
        CrdDrop drop = new CrdDrop("d", channel("0 S0 D"), channel("i", "1@5 2@7 S0@9 D@9", false), outOuter,
                outInner);
        runToEnd(drop);
        assertEquals("1@6 2@8 S0@10 D@12", timed(outInner, false));
        assertEquals("0@10 S0@11 D@12", timed(outOuter, false));
        assertEquals(11, drop.clock());
    }

    @Test
    void crdDropRejectsEmpty() {
        CrdDrop drop = new CrdDrop("d", channel("0 S0 D"), channel("in_crd_inner", "N S0 D", false), outOuter, outInner);
        assertGrammarError(() -> runToEnd(drop), "CrdDrop 'd'", "in_crd_inner", 0);
    }

    private final Channel outRef = empty("out_ref");

    private CrdMask mask(MaskPredicate predicate, String outer, String inner, String refs) {
        return new CrdMask("m", predicate, channel(outer), channel("in_crd_inner", inner, false),
                channel("in_ref_inner", refs, false), outOuter, outInner, outRef);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "ABOVE_DIAGONAL | 0 1 2 S0 D | 0 1 2 S0 0 1 2 S0 1 2 S1 D | 0 1 2 S0 3 4 5 S0 6 7 S1 D | 0 1 2 S0 D | 0 S0 0 1 S0 1 2 S1 D | 0 S0 3 4 S0 6 7 S1 D",
        "BELOW_DIAGONAL | 0 1 2 S0 D | 0 1 2 S0 0 1 2 S0 1 2 S1 D | 0 1 2 S0 3 4 5 S0 6 7 S1 D | 0 1 2 S0 D | 0 1 2 S0 1 2 S0 2 S1 D | 0 1 2 S0 4 5 S0 7 S1 D",
        "DIAGONAL       | 0 1 2 S0 D | 0 1 2 S0 0 1 2 S0 1 2 S1 D | 0 1 2 S0 3 4 5 S0 6 7 S1 D | 0 1 2 S0 D | 1 2 S0 0 2 S0 1 S1 D | 1 2 S0 3 5 S0 6 S1 D",
        "ABOVE_DIAGONAL | 0 1 S0 D   | 1 2 S0 0 S1 D              | 0 1 S0 2 S1 D              | 1 S0 D     | S0 0 S1 D            | S0 2 S1 D",
    })
    void crdMaskDropsPairsAndTheirRefs(MaskPredicate predicate, String outer, String inner, String refs,
            String expectedOuter, String expectedInner, String expectedRefs) {
        runToEnd(mask(predicate, outer, inner, refs));
        assertEquals(expectedOuter.trim(), text(outOuter));
        assertEquals(expectedInner.trim(), text(outInner));
        assertEquals(expectedRefs.trim(), text(outRef));
    }

    @Test
    void crdMaskThenStopDropperLeavesNoTraceOfAnEmptiedFiber() {
        runToEnd(mask(MaskPredicate.ABOVE_DIAGONAL, "0 1 S0 D", "1 2 S0 0 S1 D", "0 1 S0 2 S1 D"));
        Channel written = empty("written");
        runToEnd(new StopDropper("s", outInner, written));
        assertEquals("0 S1 D", text(written));
    }

    @Test
    void crdMaskTimingOneCyclePerInnerTokenAndPerOuterStop() {
        CrdMask m = new CrdMask("m", MaskPredicate.ABOVE_DIAGONAL, channel("0 S0 D"),
                channel("c", "0@2 1@2 S0@2 D@2", false), channel("r", "0@2 1@2 S0@2 D@2", false), outOuter, outInner,
                outRef);
        runToEnd(m);
        assertEquals("0@3 S0@5 D@7", timed(outInner, false));
        assertEquals("0@5 S0@6 D@7", timed(outOuter, false));
        assertEquals(6, m.clock());
    }

    @Test
    void crdMaskRefStreamMustFollowTheCrdStream() {
        CrdMask m = mask(MaskPredicate.DIAGONAL, "0 S0 D", "1 S0 D", "1 S1 D");
        assertGrammarError(() -> runToEnd(m), "CrdMask 'm'", "in_ref_inner", 1);
    }

    @Test
    void stopDropperDropsLeadingAndRepeatedStops() {
        Channel out = empty("out");
        runToEnd(new StopDropper("s", channel("S0 0 S0 S0 1 S1 S2 D"), out));
        assertEquals("0 S0 1 S1 D", text(out));
    }

    @Test
    void stopDropperTimingOneCyclePerInputToken() {
        Channel out = empty("out");
        StopDropper dropper = new StopDropper("s", channel("i", "S0@1 0@1 S0@1 S0@1 D@1", false), out);
        runToEnd(dropper);
        assertEquals("0@3 S0@4 D@6", timed(out, false));
        assertEquals(5, dropper.clock());
    }

    @Test
    void stopDropperRejectsEmpty() {
        StopDropper dropper = new StopDropper("s", channel("in", "0 N S0 D", false), empty("out"));
        assertGrammarError(() -> runToEnd(dropper), "StopDropper 's'", "in", 1);
    }
}
