package dev.fuseflow.simulator.engine.primitive;

import dev.fuseflow.simulator.engine.Channel;
import dev.fuseflow.simulator.engine.MemoryPort;
import dev.fuseflow.simulator.engine.Primitive;
import dev.fuseflow.simulator.engine.TilePool;
import dev.fuseflow.simulator.engine.Token;

/**
 * Array (value load, {@code array_val}, Comal Array): maps each reference to the stored value;
 * stops and {@code D} pass through, {@code N} becomes the value 0 without a read
 * (sam-streams-and-primitives.md §4.9).
 *
 * <p>Timing: a value at {@code t + b²} ({@code b} = 1 in scalar mode), a stop, {@code N} or {@code D}
 * at {@code t+1}; {@code t += 1} per token; {@code D} ends without increment.
 *
 * <p>With a memory model (comal-timing-model.md §4.3): references are batched 8 at a time; a reference
 * that does not fill the batch emits nothing (the iteration still costs +1); a full batch is sent, its
 * acks awaited (the clock becomes the last ack), and its 8 values emitted at {@code t + b²}. A stop,
 * {@code N} or {@code D} first flushes a partial batch the same way, then emits its own output at
 * {@code t+1}.
 *
 * <p>True-block mode: the tensor's tiles are pinned in the {@link TilePool}; a reference {@code r} emits
 * the token naming tile {@code firstTile + r} (no copy), and {@code N} the zero tile.
 */
public final class ArrayLoad extends Primitive {
    private static final int BATCH = 8;
    private static final int TAKING = 0;
    private static final int REQUESTING = 1;
    private static final int EMITTING = 2;

    private final Channel in;
    private final Channel out;
    /** Scalar values, or null in true-block mode. */
    private final float[] values;
    /** The pinned slot of the tensor's first tile (true-block mode). */
    private final int firstTile;
    /** References accepted: stored values, or stored tiles. */
    private final int stored;
    private final long valueLatency;
    private final MemoryPort port;
    private final int[] batch = new int[BATCH];
    private int batched;
    private int emitted;
    private int phase = TAKING;
    /** The control token whose flush is in progress, or -1 when a full batch is. */
    private long control = -1;

    public ArrayLoad(String name, float[] values, int blockSize, Channel in, Channel out) {
        this(name, values, blockSize, in, out, null);
    }

    public ArrayLoad(String name, float[] values, int blockSize, Channel in, Channel out, MemoryPort port) {
        this(name, values, 0, values.length, (long) blockSize * blockSize, in, out, port);
    }

    /** True-block mode: {@code tileCount} tiles pinned from slot {@code firstTile}; values leave at {@code t + latency}. */
    public static ArrayLoad ofTiles(String name, int firstTile, int tileCount, long latency, Channel in, Channel out,
            MemoryPort port) {
        return new ArrayLoad(name, null, firstTile, tileCount, latency, in, out, port);
    }

    private ArrayLoad(String name, float[] values, int firstTile, int stored, long latency, Channel in, Channel out,
            MemoryPort port) {
        super(name);
        this.values = values;
        this.firstTile = firstTile;
        this.stored = stored;
        this.valueLatency = latency;
        this.in = input(in);
        this.out = output(out);
        this.port = memoryPort(port);
    }

    /** The value token for a stored reference: the float, or the name of its pinned tile. */
    private long loaded(int ref) {
        return values != null ? Token.value(values[ref]) : Token.val(firstTile + ref);
    }

    /** What {@code N} loads: the value 0, or the zero tile. */
    private long zero() {
        return values != null ? Token.value(0f) : Token.val(TilePool.ZERO);
    }

    @Override
    protected boolean mayRequestBeforeEmitting() {
        return port != null && phase != EMITTING;
    }

    @Override
    public String kind() {
        return "Array";
    }

    @Override
    public int run(int budget) {
        if (port != null) {
            return runWithMemory(budget);
        }
        int steps = 0;
        while (steps < budget && !in.isEmpty() && !out.isFull()) {
            long token = take(in);
            steps++;
            switch (Token.kind(token)) {
                case Token.KIND_VAL -> {
                    emitAt(out, loaded(checkedRef(token)), t + valueLatency);
                    valReads++;
                }
                case Token.KIND_EMPTY -> emit(out, Token.EMPTY);
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

    private int checkedRef(long token) {
        int ref = Token.payload(token);
        if (ref < 0 || ref >= stored) {
            throw grammarError(in, token, "a reference below " + stored);
        }
        return ref;
    }

    private int runWithMemory(int budget) {
        int steps = 0;
        while (steps < budget && !finished()) {
            if (phase == REQUESTING) {
                if (!access(port, batched)) {
                    return steps;
                }
                phase = EMITTING;
                emitted = 0;
                steps++;
            } else if (phase == EMITTING) {
                if (out.isFull()) {
                    return steps;
                }
                if (emitted < batched) {
                    emitAt(out, loaded(batch[emitted++]), t + valueLatency);
                    steps++;
                    continue;
                }
                batched = 0;
                phase = TAKING;
                if (control >= 0) {
                    long token = control;
                    control = -1;
                    control(token);
                } else {
                    t++; // the iteration of the reference that filled the batch
                }
                steps++;
            } else {
                if (in.isEmpty() || out.isFull()) {
                    return steps;
                }
                long token = take(in);
                steps++;
                if (Token.isVal(token)) {
                    batch[batched++] = checkedRef(token);
                    valReads++;
                    if (batched == BATCH) {
                        phase = REQUESTING;
                    } else {
                        t++;
                    }
                } else if (batched > 0) {
                    control = token;
                    phase = REQUESTING;
                } else {
                    control(token);
                }
            }
        }
        return steps;
    }

    /** A stop, {@code N} or {@code D} after any pending values: its own output at {@code t+1}. */
    private void control(long token) {
        switch (Token.kind(token)) {
            case Token.KIND_EMPTY -> emit(out, Token.EMPTY);
            case Token.KIND_STOP -> emit(out, token);
            default -> {
                emit(out, Token.DONE);
                finish();
                return;
            }
        }
        t++;
    }
}
