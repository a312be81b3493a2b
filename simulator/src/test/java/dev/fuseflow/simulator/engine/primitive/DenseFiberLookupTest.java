package dev.fuseflow.simulator.engine.primitive;

import static dev.fuseflow.simulator.engine.TokenStreams.channel;
import static dev.fuseflow.simulator.engine.TokenStreams.empty;
import static dev.fuseflow.simulator.engine.TokenStreams.runToEnd;
import static dev.fuseflow.simulator.engine.TokenStreams.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fuseflow.simulator.engine.Channel;
import org.junit.jupiter.api.Test;

/** sam-streams-and-primitives.md §4.4. */
class DenseFiberLookupTest {

    @Test
    void emitsEveryCoordinateWithParentOffsetReferences() {
        Channel crds = empty("crd");
        Channel refs = empty("ref");
        DenseFiberLookup scanner = new DenseFiberLookup("X", 4, channel("0 1 2 3 S0 D"), crds, refs);
        runToEnd(scanner);
        assertEquals("0 1 2 3 S0 0 1 2 3 S0 0 1 2 3 S0 0 1 2 3 S1 D", text(crds));
        assertEquals("0 1 2 3 S0 4 5 6 7 S0 8 9 10 11 S0 12 13 14 15 S1 D", text(refs));
        assertEquals(16, scanner.stats().uncompressedCrdReads());
        assertEquals(0, scanner.stats().memoryAccesses());
    }

    @Test
    void anAbsentOperandGivesAnEmptyFiber() {
        Channel crds = empty("crd");
        DenseFiberLookup scanner = new DenseFiberLookup("X", 2, channel("N 1 S0 D"), crds, empty("ref"));
        runToEnd(scanner);
        assertEquals("S0 0 1 S1 D", text(crds));
    }
}
