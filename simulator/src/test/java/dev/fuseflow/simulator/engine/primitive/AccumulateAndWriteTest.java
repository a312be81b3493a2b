package dev.fuseflow.simulator.engine.primitive;

import static dev.fuseflow.simulator.engine.TokenStreams.channel;
import static dev.fuseflow.simulator.engine.TokenStreams.empty;
import static dev.fuseflow.simulator.engine.TokenStreams.runToEnd;
import static dev.fuseflow.simulator.engine.TokenStreams.text;
import static dev.fuseflow.simulator.engine.TokenStreams.timed;
import static dev.fuseflow.simulator.engine.TokenStreams.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fuseflow.simulator.engine.Channel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reduce (§4.12), Spacc1 (§4.13), Broadcast, writers (§4.16); timing from comal-timing-model.md §8.3. */
class AccumulateAndWriteTest {

    @ParameterizedTest(name = "reduce {0}")
    @CsvSource(delimiter = '|', value = {
        "5 5 S0 5 S0 4 8 S0 4 3 S0 4 3 S1 D | 10 5 12 7 7 S0 D",
        "5 5 S0 S0 4 8 S0 4 3 S0 S1 D       | 10 0 12 7 0 S0 D",
        "1 2 3 4 5 6 7 8 9 S2 D             | 45 S1 D",
    })
    void reduceSumsInnermostFibers(String in, String expected) {
        Channel out = empty("out");
        runToEnd(new Reduce("r", false, 1, values(in), out));
        assertEquals(expected.trim(), text(out, true));
    }

    @Test
    void reduceSkipsEmptyAtNoCost() {
        Channel out = empty("out");
        Reduce reduce = new Reduce("r", false, 1, channel("v", "5@1 N@1 N@1 3@1 S0@1 D@1", true), out);
        runToEnd(reduce);
        assertEquals("8@4 D@5", timed(out, true));
        assertEquals(4, reduce.clock());
        assertEquals(2, reduce.stats().reduces());
    }

    @Test
    void maxReduceKeepsTheTrueMaximumOfNegativeFibers() {
        // Comal resets to 0.0 after each stop and would give "-1 0 S0 D" (simulator/DEVIATIONS.md).
        Channel out = empty("out");
        runToEnd(new Reduce("m", true, 1, values("-3 -1 S0 -5 -2 S1 D"), out));
        assertEquals("-1 -2 S0 D", text(out, true));
        Channel comalVector = empty("out");
        runToEnd(new Reduce("m", true, 1, values("5 5 S0 5 S0 4 8 S0 4 3 S0 4 3 S1 D"), comalVector));
        assertEquals("5 5 8 4 4 S0 D", text(comalVector, true));
    }

    @ParameterizedTest(name = "spacc1 outer {0}")
    @CsvSource(delimiter = '|', value = {
        "0 2 S0 1 S1 D | 0 3 S0 1 3 S1 2 S2 D          | 1 2 S0 5 4 S1 7 S2 D                 | 0 1 3 S0 2 S1 D     | 1 5 6 S0 7 S1 D",
        "0 2 S0 2 S1 D | 0 2 3 S0 0 2 3 S1 0 2 3 S2 D  | 50 5 10 S0 40 4 8 S1 -40 33 36 S2 D  | 0 2 3 S0 0 2 3 S1 D | 90 9 18 S0 -40 33 36 S1 D",
        "S0 0 S1 D     | S1 0 1 S2 D                   | S1 1 2 S2 D                          | S0 0 1 S1 D         | S0 1 2 S1 D",
        "0 S0 S0 1 S1 D | 0 S1 S1 1 S2 D               | 3 S1 S1 4 S2 D                       | 0 S0 S0 1 S1 D      | 3 S0 S0 4 S1 D",
        // Rows (0) and (0) of an outer level over an inner fiber that is empty: the second row's inner S2
        // closes that empty fiber and the outer stream at once, and waits for the outer coordinate it belongs to.
        "0 S0 0 S1 D    | S1 S2 D                      | S1 S2 D                              | S0 S1 D             | S0 S1 D",
        "0 1 S0 1 S1 D  | 4 S0 S1 S2 D                 | 7 S0 S1 S2 D                         | 4 S0 S1 D           | 7 S0 S1 D",
    })
    void spacc1AccumulatesAcrossTheOuterLevel(String outer, String inner, String vals, String outCrd, String outVal) {
        Channel crd = empty("crd");
        Channel val = empty("val");
        Spacc1 spacc = new Spacc1("s", channel(outer), channel(inner), values(vals), crd, val);
        runToEnd(spacc);
        assertEquals(outCrd.trim(), text(crd));
        assertEquals(outVal.trim(), text(val, true));
    }

    @Test
    void spaccFlushesAtOneTimestamp() {
        Channel crd = empty("crd");
        Channel val = empty("val");
        Spacc1 spacc = new Spacc1("s", channel("0 1 S0 D"), channel("2 1 S0 0 S1 D"), values("1 1 S0 1 S1 D"), crd, val);
        runToEnd(spacc);
        assertEquals("0@6 1@6 2@6 S0@6 D@7", timed(crd, false));
    }

    @Test
    void broadcastCopiesAtZeroCost() {
        Channel a = empty("a");
        Channel b = empty("b");
        Broadcast broadcast = new Broadcast("b", channel("in", "1@1 2@1 S0@1 D@1", false), new Channel[] {a, b});
        runToEnd(broadcast);
        assertEquals("1@2 2@2 S0@2 D@2", timed(a, false));
        assertEquals(text(a), text(b));
        assertEquals(1, broadcast.clock());
    }

    @Test
    void fiberWriteBuildsSegAndCrd() {
        FiberWrite writer = new FiberWrite("w", channel("0 2 3 S0 0 2 3 S1 D"));
        runToEnd(writer);
        assertArrayEquals(new int[] {0, 2, 3, 0, 2, 3}, writer.crd());
        assertArrayEquals(new int[] {0, 3, 6}, writer.seg());
    }

    @Test
    void fiberWriteKeepsTheSegEntryOfAnEmptyFiberAfterAStop() {
        // Comal gives seg [0,3,4] and loses the empty middle fiber (DEVIATIONS.md); ours keeps it.
        FiberWrite writer = new FiberWrite("w", channel("0 2 3 S0 S0 4 S1 D"));
        runToEnd(writer);
        assertArrayEquals(new int[] {0, 2, 3, 4}, writer.crd());
        assertArrayEquals(new int[] {0, 3, 3, 4}, writer.seg());
    }

    @Test
    void fiberWriteRepeatedStopIsFree() {
        FiberWrite writer = new FiberWrite("w", channel("in", "1@1 S0@1 S1@1 D@1", false));
        runToEnd(writer);
        assertArrayEquals(new int[] {0, 1, 1}, writer.seg());
        assertEquals(3, writer.clock());
        assertEquals(2, writer.stats().segWrites());
    }

    @Test
    void valueWriteStopsAreFreeAndDoneCostsOne() {
        ValueWrite writer = new ValueWrite("w", channel("v", "10@1 S0@1 S1@1 D@1", true));
        runToEnd(writer);
        assertArrayEquals(new float[] {10f}, writer.values());
        assertEquals(3, writer.clock());
    }

    @Test
    void blockArrayStampsAreNonMonotonicAndTheWriterTakesTheMax() {
        Channel out = empty("out");
        ArrayLoad load = new ArrayLoad("a", new float[] {7f}, 16, channel("in", "0@1 S0@2 D@3", false), out);
        runToEnd(load);
        assertEquals("7@257 S0@3 D@4", timed(out, true));
        assertEquals(3, load.clock());
        ValueWrite writer = new ValueWrite("w", out);
        runToEnd(writer);
        assertEquals(259, writer.clock());
    }
}
