package dev.fuseflow.simulator.engine.primitive;

import dev.fuseflow.simulator.engine.Channel;
import dev.fuseflow.simulator.engine.MemoryPort;
import dev.fuseflow.simulator.engine.Primitive;
import dev.fuseflow.simulator.engine.Token;
import java.util.Arrays;

/**
 * Value writer ({@code val_write}, Comal ValsWrScan): appends every value to the output's {@code vals}.
 *
 * <p>Timing: {@code t += 1} per value; stops and {@code N} are free; on {@code D} the clock takes one more
 * step ({@code t += 1}) before it ends, so a graph's last writer usually sets the cycle total.
 *
 * <p>With a memory model (comal-timing-model.md §4.3): the batch is 1, so every value is sent alone and
 * its ack awaited before the iteration's +1 — about 20 cycles per value under {@code comal-hbm}.
 */
public final class ValueWrite extends Primitive {
    private final Channel in;
    private float[] values = new float[64];
    private int count;
    private final MemoryPort port;
    /** A value was taken and its write not yet acknowledged. */
    private boolean writing;

    public ValueWrite(String name, Channel in) {
        this(name, in, null);
    }

    public ValueWrite(String name, Channel in, MemoryPort port) {
        super(name);
        this.in = input(in);
        this.port = memoryPort(port);
    }

    @Override
    public String kind() {
        return "ValueWrite";
    }

    @Override
    public int run(int budget) {
        int steps = 0;
        if (writing) {
            if (!access(port, 1)) {
                return 0;
            }
            writing = false;
            t++;
            steps++;
        }
        while (steps < budget && !in.isEmpty()) {
            long token = take(in);
            steps++;
            switch (Token.kind(token)) {
                case Token.KIND_VAL, Token.KIND_EMPTY -> {
                    if (count == values.length) {
                        values = Arrays.copyOf(values, count * 2);
                    }
                    // an N is a coordinate every operand lacks below a union that still stores it: 0
                    values[count++] = Token.isVal(token) ? Token.floatValue(token) : 0f;
                    valWrites++;
                    if (port != null && !access(port, 1)) {
                        writing = true;
                        return steps;
                    }
                    t++;
                }
                case Token.KIND_DONE -> {
                    t++;
                    finish();
                    return steps;
                }
                default -> {
                    // stops are free
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
