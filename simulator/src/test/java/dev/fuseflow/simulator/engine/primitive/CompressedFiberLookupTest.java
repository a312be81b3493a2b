package dev.fuseflow.simulator.engine.primitive;

import static dev.fuseflow.simulator.engine.TokenStreams.channel;
import static dev.fuseflow.simulator.engine.TokenStreams.empty;
import static dev.fuseflow.simulator.engine.TokenStreams.runToEnd;
import static dev.fuseflow.simulator.engine.TokenStreams.text;
import static dev.fuseflow.simulator.engine.TokenStreams.timed;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fuseflow.simulator.engine.Channel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Vectors from sam-streams-and-primitives.md §1.3 and §4.3; timing from comal-timing-model.md §8.3. */
class CompressedFiberLookupTest {

    private static int[] ints(String text) {
        String[] words = text.trim().split("\\s+");
        int[] out = new int[words.length];
        for (int i = 0; i < words.length; i++) {
            out[i] = Integer.parseInt(words[i]);
        }
        return out;
    }

    @ParameterizedTest(name = "seg [{0}] crd [{1}] in {2}")
    @CsvSource(delimiter = '|', value = {
        "0 2 3 4 | 0 2 2 2     | 0 1 2 S0 D            | 0 2 S0 2 S0 2 S1 D                | 0 1 S0 2 S0 3 S1 D",
        "0 3 4 6 | 0 2 3 0 2 3 | 0 0 S0 1 S0 2 S1 D    | 0 2 3 S0 0 2 3 S1 0 S1 2 3 S2 D   | 0 1 2 S0 0 1 2 S1 3 S1 4 5 S2 D",
        "0 4     | 0 1 2 3     | 0 D                   | 0 1 2 3 S0 D                      | 0 1 2 3 S0 D",
        "0 1     | 28          | 0 S0 S0 0 S0 D        | 28 S1 S1 28 S1 D                  | 0 S1 S1 0 S1 D",
        // N (an absent operand) gives an empty fiber: SAM-Python's "N S0" without the N (DEVIATIONS.md)
        "0 2 3 4 | 0 1 2 3     | 0 1 N 2 N S0 D        | 0 1 S0 2 S0 S0 3 S0 S1 D          | 0 1 S0 2 S0 S0 3 S0 S1 D",
        "0 3 4 6 | 0 2 3 0 2 3 | 0 N 1 N 2 S0 D        | 0 2 3 S0 S0 0 S0 S0 2 3 S1 D      | 0 1 2 S0 S0 3 S0 S0 4 5 S1 D",
    })
    void emitsFibersAndMergesStops(String seg, String crd, String in, String outCrd, String outRef) {
        Channel crds = empty("crd");
        Channel refs = empty("ref");
        CompressedFiberLookup scanner = new CompressedFiberLookup("B1", ints(seg), ints(crd), channel(in), crds, refs);
        runToEnd(scanner);
        assertEquals(outCrd.trim(), text(crds));
        assertEquals(outRef.trim(), text(refs));
    }

    @Test
    void anAbsentOperandCostsOneCycleLikeAnEmptyFiber() {
        Channel crds = empty("crd");
        Channel refs = empty("ref");
        CompressedFiberLookup scanner = new CompressedFiberLookup("B", ints("0 2 3 4"), ints("0 1 2 3"),
                channel("0@1 1@2 N@3 2@4 N@5 S0@6 D@7"), crds, refs);
        runToEnd(scanner);
        assertEquals("0@2 1@3 S0@4 2@5 S0@6 S0@7 3@8 S0@9 S1@10 D@11", timed(crds, false));
        assertEquals(10, scanner.clock());
    }

    @Test
    void countsSegAndCrdReadsOfNewFibersOnly() {
        CompressedFiberLookup scanner = new CompressedFiberLookup("B", ints("0 2 3"), ints("0 1 2"),
                channel("0 0 1 S0 D"), empty("crd"), empty("ref"));
        runToEnd(scanner);
        assertEquals(4, scanner.stats().segReads());
        assertEquals(3, scanner.stats().crdReads());
    }
}
