package dev.fuseflow.simulator.engine.primitive;

import dev.fuseflow.simulator.engine.Channel;
import dev.fuseflow.simulator.engine.MemoryPort;
import dev.fuseflow.simulator.engine.Primitive;
import dev.fuseflow.simulator.engine.TilePool;
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
 *
 * <p>True-block mode ({@code tiles} set): every value is a tile; its b² elements are appended (row-major)
 * and the tile is given back.
 */
public final class ValueWrite extends Primitive {
    private final Channel in;
    private float[] values = new float[64];
    /** Floats written (values, or tiles × b²). */
    private int count;
    private final MemoryPort port;
    /** True-block mode: the pool of the tiles; null for scalar values. */
    private final TilePool tiles;
    private final int width;
    /** A value was taken and its write not yet acknowledged. */
    private boolean writing;

    public ValueWrite(String name, Channel in) {
        this(name, in, null);
    }

    public ValueWrite(String name, Channel in, MemoryPort port) {
        this(name, null, in, port);
    }

    public ValueWrite(String name, TilePool tiles, Channel in, MemoryPort port) {
        super(name);
        this.tiles = tiles;
        this.width = tiles == null ? 1 : tiles.tileSize();
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
                    if (count + width > values.length) {
                        values = Arrays.copyOf(values, Math.max(count + width, values.length * 2));
                    }
                    // an N is a coordinate every operand lacks below a union that still stores it: 0
                    if (tiles == null) {
                        values[count++] = Token.isVal(token) ? Token.floatValue(token) : 0f;
                    } else if (Token.isVal(token)) {
                        tiles.copyOut(Token.payload(token), values, count);
                        tiles.release(Token.payload(token));
                        count += width;
                    } else {
                        Arrays.fill(values, count, count + width, 0f);
                        count += width;
                    }
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

    /** The written values (in true-block mode the tiles, b² row-major floats each). */
    public float[] values() {
        return Arrays.copyOf(values, count);
    }
}
