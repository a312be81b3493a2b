package dev.fuseflow.simulator.engine.primitive;

import dev.fuseflow.simulator.engine.Channel;
import dev.fuseflow.simulator.engine.Primitive;
import dev.fuseflow.simulator.engine.Token;

/**
 * RepeatSigGen: turns a reference stream into repeat signals, {@code Val}/{@code N} → {@code R},
 * any stop → {@code S}, {@code D} → {@code D} (sam-streams-and-primitives.md §4.5).
 *
 * <p>Timing: one token per step, signal at {@code t+1}, {@code t += 1}; {@code D} ends without increment.
 */
public final class RepeatSignalGenerator extends Primitive {
    private final Channel in;
    private final Channel out;

    public RepeatSignalGenerator(String name, Channel in, Channel out) {
        super(name);
        this.in = input(in);
        this.out = output(out);
    }

    @Override
    public String kind() {
        return "RepeatSigGen";
    }

    @Override
    public int run(int budget) {
        int steps = 0;
        while (steps < budget && !in.isEmpty() && !out.isFull()) {
            long token = take(in);
            steps++;
            if (Token.isDone(token)) {
                emit(out, Token.DONE);
                finish();
                break;
            }
            emit(out, Token.isStop(token) ? Token.STOP_SIGNAL : Token.REPEAT_SIGNAL);
            t++;
        }
        return steps;
    }
}
