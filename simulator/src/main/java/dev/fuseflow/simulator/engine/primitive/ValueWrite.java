package dev.fuseflow.simulator.engine.primitive;

import dev.fuseflow.simulator.engine.Channel;
import dev.fuseflow.simulator.engine.Primitive;
import dev.fuseflow.simulator.engine.Token;
import java.util.Arrays;

/**
 * Value writer ({@code val_write}, Comal ValsWrScan): appends every value to the output's {@code vals}.
 *
 * <p>Timing: {@code t += 1} per value; stops and {@code N} are free; on {@code D} the clock takes one more
 * step ({@code t += 1}) before it ends, so a graph's last writer usually sets the cycle total.
 */
public final class ValueWrite extends Primitive {
    private final Channel in;
    private float[] values = new float[64];
    private int count;

    public ValueWrite(String name, Channel in) {
        super(name);
        this.in = input(in);
    }

    @Override
    public String kind() {
        return "ValueWrite";
    }

    @Override
    public int run(int budget) {
        int steps = 0;
        while (steps < budget && !in.isEmpty()) {
            long token = take(in);
            steps++;
            switch (Token.kind(token)) {
                case Token.KIND_VAL -> {
                    if (count == values.length) {
                        values = Arrays.copyOf(values, count * 2);
                    }
                    values[count++] = Token.floatValue(token);
                    valWrites++;
                    t++;
                }
                case Token.KIND_DONE -> {
                    t++;
                    finish();
                    return steps;
                }
                default -> {
                    // stops and N are free
                }
            }
        }
        return steps;
    }

    /** The written values. */
    public float[] values() {
        return Arrays.copyOf(values, count);
    }
}
