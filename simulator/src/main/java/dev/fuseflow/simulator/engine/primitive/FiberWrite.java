package dev.fuseflow.simulator.engine.primitive;

import dev.fuseflow.simulator.engine.Channel;
import dev.fuseflow.simulator.engine.Primitive;
import dev.fuseflow.simulator.engine.Token;
import java.util.Arrays;

/**
 * Level writer ({@code fiber_write}, Comal CompressedWrScan): writes a coordinate stream into the
 * {@code seg}/{@code crd} arrays of a compressed level (sam-streams-and-primitives.md §4.16).
 *
 * <p>A coordinate is appended to {@code crd}; every stop pushes the fiber's end onto {@code seg}, so an
 * empty fiber after another stop keeps its (empty) segment. Comal ignores stops after the first and so
 * loses such fibers; we do not (simulator/DEVIATIONS.md). {@code N} is ignored.
 *
 * <p>Timing (Comal's): {@code t += 1} per coordinate and per first stop; repeated stops and {@code N} are free;
 * {@code D} ends without increment.
 */
public final class FiberWrite extends Primitive {
    private final Channel in;
    private int[] crd = new int[64];
    private int crdCount;
    private int[] seg = new int[16];
    private int segCount = 1;
    private boolean fiberClosed;

    public FiberWrite(String name, Channel in) {
        super(name);
        this.in = input(in);
    }

    @Override
    public String kind() {
        return "FiberWrite";
    }

    @Override
    public int run(int budget) {
        int steps = 0;
        while (steps < budget && !in.isEmpty()) {
            long token = take(in);
            steps++;
            switch (Token.kind(token)) {
                case Token.KIND_VAL -> {
                    if (crdCount == crd.length) {
                        crd = Arrays.copyOf(crd, crdCount * 2);
                    }
                    crd[crdCount++] = Token.payload(token);
                    crdWrites++;
                    fiberClosed = false;
                    t++;
                }
                case Token.KIND_STOP -> {
                    // Every stop ends one fiber; an empty fiber after a stop still gets its segment (Comal
                    // drops it, which loses rows: simulator/DEVIATIONS.md). Only the first stop costs a cycle.
                    if (segCount == seg.length) {
                        seg = Arrays.copyOf(seg, segCount * 2);
                    }
                    seg[segCount++] = crdCount;
                    segWrites++;
                    if (!fiberClosed) {
                        fiberClosed = true;
                        t++;
                    }
                }
                case Token.KIND_EMPTY -> {
                    // ignored at no cost
                }
                default -> {
                    finish();
                    return steps;
                }
            }
        }
        return steps;
    }

    /** The written coordinates. */
    public int[] crd() {
        return Arrays.copyOf(crd, crdCount);
    }

    /** The written segment array, starting with 0. */
    public int[] seg() {
        return Arrays.copyOf(seg, segCount);
    }
}
