package dev.fuseflow.simulator.engine.primitive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fuseflow.simulator.engine.Channel;
import dev.fuseflow.simulator.engine.Primitive;
import dev.fuseflow.simulator.engine.Token;
import dev.fuseflow.simulator.graph.MaskPredicate;
import dev.fuseflow.simulator.graph.UnaryOp;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * The new primitives are resumable: fed one token at a time through input channels that hold two tokens and
 * output channels that hold one, stepped one step per turn, they produce exactly the stamps they produce with everything queued up front.
 */
class ResumableStepTest {

    /** Sends prepared tokens one per turn at their stamps. */
    private static final class Feeder extends Primitive {
        private final long[] tokens;
        private final Channel out;
        private int next;

        Feeder(String text, boolean values, Channel out) {
            super("feed");
            String[] words = text.trim().split("\\s+");
            tokens = new long[words.length];
            for (int i = 0; i < words.length; i++) {
                tokens[i] = Token.parse(words[i], values);
            }
            this.out = output(out);
        }

        @Override
        public int run(int budget) {
            if (next == tokens.length || out.isFull()) {
                return 0;
            }
            emitAt(out, tokens[next], 2L * next); // distinct, rising stamps so waits matter
            if (++next == tokens.length) {
                finish();
            }
            return 1;
        }

        @Override
        public String kind() {
            return "Feeder";
        }
    }

    /** Takes everything and records it as token@stamp. */
    private static final class Sink extends Primitive {
        private final Channel in;
        private final List<String> seen = new ArrayList<>();

        Sink(Channel in) {
            super("sink");
            this.in = input(in);
        }

        @Override
        public int run(int budget) {
            int steps = 0;
            while (steps < budget && !in.isEmpty()) {
                long stamp = in.peekStamp();
                long token = take(in);
                seen.add(Token.format(token, true) + "@" + stamp);
                steps++;
                if (Token.isDone(token)) {
                    finish();
                    break;
                }
            }
            return steps;
        }

        @Override
        public String kind() {
            return "Sink";
        }
    }

    private static String run(int limit, int budget, String[] inputs, boolean[] values, int outputs,
            BiFunction<Channel[], Channel[], Primitive> build) {
        List<Primitive> all = new ArrayList<>();
        Channel[] ins = new Channel[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            // Two, not one: CrdHold (like Repeat and Spacc1) needs a second outer token in view; the engine
            // raises a limit when that blocks everything (Parks' rule), this harness does not.
            ins[i] = new Channel("in" + i, Math.max(limit, 2));
            all.add(new Feeder(inputs[i], values[i], ins[i]));
        }
        Channel[] outs = new Channel[outputs];
        List<Sink> sinks = new ArrayList<>();
        for (int i = 0; i < outputs; i++) {
            outs[i] = new Channel("out" + i, limit);
        }
        Primitive primitive = build.apply(ins, outs);
        all.add(primitive);
        for (Channel out : outs) {
            Sink sink = new Sink(out);
            sinks.add(sink);
            all.add(sink);
        }
        for (int turn = 0; !all.stream().allMatch(Primitive::finished); turn++) {
            if (turn > 100_000) {
                throw new AssertionError("no progress: " + primitive.waitingOn());
            }
            for (Primitive p : all) {
                if (!p.finished()) {
                    p.run(budget);
                }
            }
        }
        StringBuilder text = new StringBuilder();
        for (Sink sink : sinks) {
            text.append(String.join(" ", sink.seen)).append(" | ");
        }
        return text.append("t=").append(primitive.clock()).toString();
    }

    private static void assertResumable(String[] inputs, boolean[] values, int outputs,
            BiFunction<Channel[], Channel[], Primitive> build) {
        String queued = run(1 << 20, 1 << 20, inputs, values, outputs, build);
        assertEquals(queued, run(1, 1, inputs, values, outputs, build));
    }

    @Test
    void union() {
        assertResumable(new String[] {"0 1 S0 2 3 S0 S0 4 5 S1 D", "1 2 3 S0 S0 0 1 2 S0 S1 D",
            "0 1 S0 2 3 S0 S0 4 5 S1 D", "0 1 2 S0 S0 2 3 4 S0 S1 D"}, new boolean[4], 3,
                (in, out) -> new Union("u", new Channel[] {in[0], in[1]}, new Channel[] {in[2], in[3]}, out[0],
                        new Channel[] {out[1], out[2]}));
    }

    @Test
    void unaryAlu() {
        assertResumable(new String[] {"0 -1 -2 3 S0 0 1 2 3 4 S1 D"}, new boolean[] {true}, 1,
                (in, out) -> new UnaryAlu("u", UnaryOp.MAX_SCALAR, 0, 4, in[0], out[0]));
    }

    @Test
    void spacc2() {
        assertResumable(new String[] {"0 1 S0 D", "0 2 S0 2 S1 D", "0 2 3 S0 0 2 3 S1 0 2 3 S2 D",
            "50 5 10 S0 40 4 8 S1 -40 33 36 S2 D"}, new boolean[] {false, false, false, true}, 3,
                (in, out) -> new Spacc2("s", in[0], in[1], in[2], in[3], out[0], out[1], out[2]));
    }

    @Test
    void crdHold() {
        assertResumable(new String[] {"0 2 S0 3 S0 4 S1 D", "0 2 3 S0 0 2 3 S1 0 S1 2 3 S2 D"}, new boolean[2], 2,
                (in, out) -> new CrdHold("h", in[0], in[1], out[0], out[1]));
    }

    @Test
    void crdDrop() {
        assertResumable(new String[] {"0 S0 S0 1 2 S1 D", "5 S1 S1 7 S1 8 S2 D"}, new boolean[2], 2,
                (in, out) -> new CrdDrop("d", in[0], in[1], out[0], out[1]));
    }

    @Test
    void crdMask() {
        assertResumable(new String[] {"0 1 S0 S0 2 S1 D", "1 2 S0 0 S1 S1 1 2 S2 D", "0 1 S0 2 S1 S1 3 4 S2 D"},
                new boolean[3], 3, (in, out) -> new CrdMask("m", MaskPredicate.ABOVE_DIAGONAL, in[0], in[1], in[2],
                        out[0], out[1], out[2]));
    }

    @Test
    void stopDropper() {
        assertResumable(new String[] {"S0 0 S0 S0 1 S1 S2 D"}, new boolean[1], 1,
                (in, out) -> new StopDropper("s", in[0], out[0]));
    }

    @Test
    void forkAndJoin() {
        assertResumable(new String[] {"0 1 2 S0 0 1 2 S1 D"}, new boolean[1], 2,
                (in, out) -> new Fork("f", in[0], out));
        assertResumable(new String[] {"0 2 S0 1 S1 D", "1 S0 0 2 S1 D"}, new boolean[2], 1,
                (in, out) -> new Join("j", in, out[0]));
    }
}
