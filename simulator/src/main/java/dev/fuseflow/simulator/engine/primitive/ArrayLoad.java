package dev.fuseflow.simulator.engine.primitive;

import dev.fuseflow.simulator.engine.Channel;
import dev.fuseflow.simulator.engine.Primitive;
import dev.fuseflow.simulator.engine.Token;

/**
 * Array (value load, {@code array_val}, Comal Array): maps each reference to the stored value;
 * stops and {@code D} pass through, {@code N} becomes the value 0 without a read
 * (sam-streams-and-primitives.md §4.9).
 *
 * <p>Timing: a value at {@code t + b²} ({@code b} = 1 in scalar mode), a stop, {@code N} or {@code D}
 * at {@code t+1}; {@code t += 1} per token; {@code D} ends without increment.
 */
public final class ArrayLoad extends Primitive {
    private final Channel in;
    private final Channel out;
    private final float[] values;
    private final long valueLatency;

    public ArrayLoad(String name, float[] values, int blockSize, Channel in, Channel out) {
        super(name);
        this.values = values;
        this.valueLatency = (long) blockSize * blockSize;
        this.in = input(in);
        this.out = output(out);
    }

    @Override
    public String kind() {
        return "Array";
    }

    @Override
    public int run(int budget) {
        int steps = 0;
        while (steps < budget && !in.isEmpty() && !out.isFull()) {
            long token = take(in);
            steps++;
            switch (Token.kind(token)) {
                case Token.KIND_VAL -> {
                    int ref = Token.payload(token);
                    if (ref < 0 || ref >= values.length) {
                        throw grammarError(in, token, "a reference below " + values.length);
                    }
                    emitAt(out, Token.value(values[ref]), t + valueLatency);
                    valReads++;
                }
                case Token.KIND_EMPTY -> emit(out, Token.value(0f));
                case Token.KIND_STOP -> emit(out, token);
                default -> {
                    emit(out, Token.DONE);
                    finish();
                    return steps;
                }
            }
            t++;
        }
        return steps;
    }
}
