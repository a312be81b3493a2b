package dev.fuseflow.simulator.engine.primitive;

import static dev.fuseflow.simulator.engine.TokenStreams.channel;
import static dev.fuseflow.simulator.engine.TokenStreams.empty;
import static dev.fuseflow.simulator.engine.TokenStreams.runToEnd;
import static dev.fuseflow.simulator.engine.TokenStreams.text;
import static dev.fuseflow.simulator.engine.TokenStreams.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuseflow.simulator.engine.Channel;
import dev.fuseflow.simulator.engine.SimulationException;
import dev.fuseflow.simulator.graph.BinaryOp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Intersect (§4.7), Locate (§4.8), Array (§4.9), Binary ALU (§4.10) of sam-streams-and-primitives.md. */
class JoinAndLoadTest {

    @ParameterizedTest(name = "intersect {0} & {2}")
    @CsvSource(delimiter = '|', value = {
        "0 S0 0 1 2 S1 D | 0 S0 1 2 3 S1 D | 0 1 2 S0 0 1 2 S1 D | 0 1 2 S0 0 1 2 S1 D | 0 S0 0 1 2 S1 D | 0 S0 1 2 3 S1 D | 0 S0 0 1 2 S1 D",
        "0 1 2 3 S0 0 1 2 3 S0 0 1 2 3 S1 D | 0 1 2 3 S0 4 5 6 7 S0 8 9 10 11 S1 D | 4 S0 0 1 S0 0 S1 D | 0 S0 1 2 S0 3 S1 D | S0 0 1 S0 0 S1 D | S0 4 5 S0 8 S1 D | S0 1 2 S0 3 S1 D",
        "0 1 3 5 S0 D | 0 1 2 3 S0 D | 0 2 3 4 S0 D | 0 1 2 3 S0 D | 0 3 S0 D | 0 2 S0 D | 0 2 S0 D",
    })
    void intersectKeepsCommonCoordinates(String crd1, String ref1, String crd2, String ref2, String outCrd,
            String outRef1, String outRef2) {
        Channel crd = empty("crd");
        Channel r1 = empty("r1");
        Channel r2 = empty("r2");
        runToEnd(new Intersect("i", new Channel[] {channel(crd1), channel(crd2)},
                new Channel[] {channel(ref1), channel(ref2)}, crd, new Channel[] {r1, r2}));
        assertEquals(outCrd.trim(), text(crd));
        assertEquals(outRef1.trim(), text(r1));
        assertEquals(outRef2.trim(), text(r2));
    }

    @Test
    void intersectRejectsMismatchedStopsNamingThePort() {
        Intersect intersect = new Intersect("i", new Channel[] {channel("c1", "S0 D", false), channel("c2", "S1 D", false)},
                new Channel[] {channel("S0 D"), channel("S1 D")}, empty("crd"), new Channel[] {empty("a"), empty("b")});
        SimulationException error = assertThrows(SimulationException.class, () -> runToEnd(intersect));
        assertTrue(error.getMessage().contains("port 'c2'"), error.getMessage());
        assertTrue(error.getMessage().contains("token 0"), error.getMessage());
    }

    @Test
    void locateUsesTheCoordinateAsDenseReference() {
        Channel dense = empty("ref1");
        Channel sparse = empty("ref2");
        Channel crd = empty("crd");
        runToEnd(new Locate("l", channel("0 1 S0 D"), channel("3 5 S0 D"), dense, sparse, crd));
        assertEquals("3 5 S0 D", text(dense));
        assertEquals("0 1 S0 D", text(sparse));
        assertEquals("3 5 S0 D", text(crd));
    }

    @ParameterizedTest(name = "array {0}")
    @CsvSource(delimiter = '|', value = {
        "0 1 N 2 N 3 S0 D                 | 1 2 3 4   | 1 2 N 3 N 4 S0 D",
        "0 N 1 2 3 N S0 D                 | 1 2 3 4   | 1 N 2 3 4 N S0 D",
        "N 0 1 2 S0 N N S0 2 3 4 S0 N N S1 D | 1 2 3 4 5 | N 1 2 3 S0 N N S0 3 4 5 S0 N N S1 D",
    })
    void arrayLoadsValuesAndPassesAbsentEntriesOn(String refs, String array, String expected) {
        String[] words = array.trim().split("\\s+");
        float[] vals = new float[words.length];
        for (int i = 0; i < vals.length; i++) {
            vals[i] = Float.parseFloat(words[i]);
        }
        Channel out = empty("out");
        ArrayLoad load = new ArrayLoad("a", vals, 1, channel(refs), out);
        runToEnd(load);
        assertEquals(expected.trim(), text(out, true));
        assertEquals(refs.trim().split("\\s+").length - 1 - count(refs, "N") - count(refs, "S"), load.stats().valReads());
    }

    private static int count(String text, String prefix) {
        int n = 0;
        for (String word : text.trim().split("\\s+")) {
            n += word.startsWith(prefix) ? 1 : 0;
        }
        return n;
    }

    @Test
    void binaryAluReadsEmptyAsZeroAndCountsOps() {
        Channel out = empty("out");
        BinaryAlu alu = new BinaryAlu("m", BinaryOp.MUL, 1, 1, values("2 N 4 S0 D"), values("3 5 N S0 D"), out);
        runToEnd(alu);
        assertEquals("6 0 0 S0 D", text(out, true));
        assertEquals(3, alu.stats().ops());
    }

    @Test
    void binaryAluRejectsMismatchedStops() {
        BinaryAlu alu = new BinaryAlu("m", BinaryOp.ADD, 1, 1, values("1 S0 D"), values("1 S1 D"), empty("out"));
        assertThrows(SimulationException.class, () -> runToEnd(alu));
    }
}
