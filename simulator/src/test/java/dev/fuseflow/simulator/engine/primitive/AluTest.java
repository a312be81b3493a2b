package dev.fuseflow.simulator.engine.primitive;

import static dev.fuseflow.simulator.engine.TokenStreams.channel;
import static dev.fuseflow.simulator.engine.TokenStreams.empty;
import static dev.fuseflow.simulator.engine.TokenStreams.runToEnd;
import static dev.fuseflow.simulator.engine.TokenStreams.text;
import static dev.fuseflow.simulator.engine.TokenStreams.timed;
import static dev.fuseflow.simulator.engine.TokenStreams.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuseflow.simulator.engine.Channel;
import dev.fuseflow.simulator.engine.SimulationException;
import dev.fuseflow.simulator.engine.Token;
import dev.fuseflow.simulator.graph.BinaryOp;
import dev.fuseflow.simulator.graph.UnaryOp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Unary ALU (sam-streams-and-primitives.md §4.11), the Binary ALU's ops and latencies (§4.10,
 * comal-timing-model.md §4.4), Reduce's ADDSUM (§4.12) and Repeat over a value stream (§4.6).
 */
class AluTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "MAX_SCALAR | 0 | 0 -1 -2 3 S0 0 1 2 3 4 S1 D | 0 0 0 3 S0 0 1 2 3 4 S1 D",
        "SCALAR_MUL | 2 | 0 -1 -2 3 S0 0 1 2 3 4 S1 D | 0 -2 -4 6 S0 0 2 4 6 8 S1 D",
        "EXP        | 0 | 0 S0 D                       | 1 S0 D",
        "SIN        | 0 | 0 S0 D                       | 0 S0 D",
        "COS        | 0 | 0 S0 D                       | 1 S0 D",
        "SCALAR_ADD | 2 | 1 -3 S0 D                    | 3 -1 S0 D",
        "SCALAR_DIV | 4 | 2 -8 S0 D                    | 0.5 -2 S0 D",
        "RSQRT      | 0 | 4 0.25 S0 D                  | 0.5 2 S0 D",
        "SIGMOID    | 0 | 0 S0 D                       | 0.5 S0 D",
    })
    void unaryAluAppliesItsOperation(UnaryOp op, float scalar, String in, String expected) {
        Channel out = empty("out");
        UnaryAlu alu = new UnaryAlu("u", op, scalar, 1, values(in), out);
        runToEnd(alu);
        assertEquals(expected.trim(), text(out, true));
        assertEquals(in.trim().split("\\s+").length - count(in, "S") - 1, alu.stats().ops());
    }

    @Test
    void unaryTimingValueAfterLatencyStopsAfterOneCycle() {
        Channel scalar = empty("out");
        UnaryAlu alu = new UnaryAlu("u", UnaryOp.SCALAR_MUL, 2, 1, channel("v", "1@1 S0@1 D@1", true), scalar);
        runToEnd(alu);
        assertEquals("2@2 S0@3 D@4", timed(scalar, true));
        assertEquals(3, alu.clock());
        Channel block = empty("out");
        UnaryAlu blockAlu = new UnaryAlu("u", UnaryOp.SCALAR_MUL, 2, 16, channel("v", "1@1 S0@1 D@1", true), block);
        runToEnd(blockAlu);
        assertEquals("2@17 S0@3 D@4", timed(block, true));
        assertEquals(3, blockAlu.clock());
    }

    @Test
    void unaryPassesAnAbsentEntryOnInsteadOfApplyingItselfToZero() {
        Channel out = empty("out");
        UnaryAlu alu = new UnaryAlu("u", UnaryOp.EXP, 0, 1, channel("in_val", "0 N S0 D", true), out);
        runToEnd(alu);
        assertEquals("1 N S0 D", text(out, true));
        assertEquals(1, alu.stats().ops(), "no op for the absent entry");
    }

    @Test
    void unaryForwardsStopsAndFinishesOnD() {
        UnaryAlu alu = new UnaryAlu("u", UnaryOp.EXP, 0, 1, channel("in_val", "1 S0 D", true), empty("out"));
        runToEnd(alu);
        assertTrue(alu.finished());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "ADD     | 2 N 4 S0 D | 3 5 N S0 D | 5 5 4 S0 D",
        "SUB     | 2 N 4 S0 D | 3 5 N S0 D | -1 -5 4 S0 D",
        "MUL     | 2 N 4 S0 D | 3 5 N S0 D | 6 0 0 S0 D",
        "ELEMMUL | 2 N 4 S0 D | 3 5 N S0 D | 6 0 0 S0 D",
        "DIV     | 6 N 4 S0 D | 3 5 1 S0 D | 2 0 4 S0 D",
        "MAX     | 2 N -4 S0 D | 3 -5 N S0 D | 3 0 0 S0 D",
    })
    void binaryAluSupportsEveryOpAndReadsEmptyAsZero(BinaryOp op, String a, String b, String expected) {
        Channel out = empty("out");
        runToEnd(new BinaryAlu("b", op, 1, 1, values(a), values(b), out));
        assertEquals(expected.trim(), text(out, true));
    }

    @Test
    void binaryBlockTimingMulHasLatencyBSquaredAndIntervalB() {
        // Block timing with b = 4 (§4.4): Mul latency 16, ii 4; Add latency 16, ii 1; stops cost ii too.
        Channel mul = empty("mul");
        BinaryAlu mulAlu = new BinaryAlu("m", BinaryOp.MUL, 16, 4, values("1 2 S0 D"), values("3 4 S0 D"), mul);
        runToEnd(mulAlu);
        assertEquals("3@16 8@20 S0@9 D@13", timed(mul, true));
        assertEquals(12, mulAlu.clock());
        Channel add = empty("add");
        BinaryAlu addAlu = new BinaryAlu("a", BinaryOp.ADD, 16, 1, values("1 2 S0 D"), values("3 4 S0 D"), add);
        runToEnd(addAlu);
        assertEquals("4@16 6@17 S0@3 D@4", timed(add, true));
    }

    @Test
    void binaryKeepsAnEntryAbsentOnBothSidesAbsent() {
        Channel out = empty("out");
        runToEnd(new BinaryAlu("b", BinaryOp.ADD, 1, 1, values("N 1 S0 D"), values("N 2 S0 D"), out));
        assertEquals("N 3 S0 D", text(out, true));
    }

    @Test
    void binaryRejectsAValueAgainstAStop() {
        BinaryAlu alu = new BinaryAlu("b", BinaryOp.ADD, 1, 1, values("1 S0 D"), values("S0 D"), empty("out"));
        assertThrows(SimulationException.class, () -> runToEnd(alu));
    }

    @Test
    void reduceAddsumIsAddForScalars() {
        // The wiring builds the same adder for ADD and ADDSUM (row sums of a 1x1 block are the block).
        Channel out = empty("out");
        runToEnd(new Reduce("r", false, 1, values("5 5 S0 5 S0 4 8 S0 4 3 S0 4 3 S1 D"), out));
        assertEquals("10 5 12 7 7 S0 D", text(out, true));
    }

    @Test
    void repeatRepeatsAValueStream() {
        Channel signals = empty("sig");
        for (long s : new long[] {Token.REPEAT_SIGNAL, Token.REPEAT_SIGNAL, Token.STOP_SIGNAL, Token.REPEAT_SIGNAL,
            Token.STOP_SIGNAL, Token.REPEAT_SIGNAL, Token.STOP_SIGNAL, Token.DONE}) {
            signals.push(s, 0);
        }
        Channel out = empty("out");
        runToEnd(new Repeat("r", values("2.5 N -1 S0 D"), signals, out));
        assertEquals("2.5 2.5 S0 N S0 -1 S1 D", text(out, true));
    }

    private static int count(String text, String prefix) {
        int n = 0;
        for (String word : text.trim().split("\\s+")) {
            n += word.startsWith(prefix) ? 1 : 0;
        }
        return n;
    }
}
