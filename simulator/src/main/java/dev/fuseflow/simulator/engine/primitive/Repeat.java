package dev.fuseflow.simulator.engine.primitive;

import dev.fuseflow.simulator.engine.Channel;
import dev.fuseflow.simulator.engine.Primitive;
import dev.fuseflow.simulator.engine.Token;

/**
 * Repeat: repeats each reference (or value) of {@code in_ref} once per {@code R} of the repeat-signal
 * stream (sam-streams-and-primitives.md §4.6).
 *
 * <p>Each step peeks {@code in_ref} and takes one signal. {@code R}: emit the head unpopped. {@code S}:
 * pop the head; if it was a value or an {@code N}, peek the next token and merge a stop {@code Sn} there
 * into {@code S(n+1)}, else emit {@code S0}; a popped stop {@code Sn} gives {@code S(n+1)}. (Comal gives
 * {@code S0} for a popped {@code N} without the peek, which drops the fiber's end when an absent operand's
 * {@code N} is last in its fiber; simulator/DEVIATIONS.md.) {@code D}: emit {@code D} and end (the head is neither checked nor popped).
 *
 * <p>Timing: output at {@code t+1}, {@code t += 1} per signal; the extra peek after popping a value may
 * advance {@code t}; {@code D} ends without increment.
 */
public final class Repeat extends Primitive {
    private final Channel in;
    private final Channel signals;
    private final Channel out;

    public Repeat(String name, Channel in, Channel signals, Channel out) {
        super(name);
        this.in = input(in);
        this.signals = input(signals);
        this.out = output(out);
    }

    @Override
    public String kind() {
        return "Repeat";
    }

    @Override
    public int run(int budget) {
        int steps = 0;
        while (steps < budget && !out.isFull() && !in.isEmpty() && !signals.isEmpty()) {
            long head = in.peekToken();
            long signal = signals.peekToken();
            boolean element = Token.isVal(head) || Token.isEmpty(head);
            if (signal == Token.STOP_SIGNAL && element && in.size() < 2) {
                break;
            }
            peek(in);
            take(signals);
            steps++;
            if (signal == Token.REPEAT_SIGNAL) {
                duplicated(in, head); // the head stays for later repeats; each emission holds a reference
                emit(out, head);
                t++;
            } else if (signal == Token.STOP_SIGNAL) {
                dropped(in, take(in));
                long stop = Token.stop(0);
                if (element) {
                    long next = peek(in);
                    if (Token.isStop(next)) {
                        take(in);
                        stop = Token.stop(Token.payload(next) + 1);
                    }
                } else if (Token.isStop(head)) {
                    stop = Token.stop(Token.payload(head) + 1);
                }
                emit(out, stop);
                t++;
            } else {
                emit(out, Token.DONE);
                finish();
            }
        }
        return steps;
    }
}
