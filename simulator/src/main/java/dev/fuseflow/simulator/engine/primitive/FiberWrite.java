package dev.fuseflow.simulator.engine.primitive;

import dev.fuseflow.simulator.engine.Channel;
import dev.fuseflow.simulator.engine.MemoryPort;
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
 *
 * <p>With a memory model (comal-timing-model.md §4.3): crd and seg entries are written in bundles of 8
 * (the initial seg 0 is never sent); a full bundle is sent, and its acks awaited, as soon as it holds 8
 * (within the iteration, before its +1). Partial bundles are flushed, crd first and then seg, each
 * waiting for its acks, only on {@code N}, on a repeated stop (both still free) and on {@code D}.
 */
public final class FiberWrite extends Primitive {
    private final Channel in;
    private int[] crd = new int[64];
    private int crdCount;
    private int[] seg = new int[16];
    private int segCount = 1;
    private boolean fiberClosed;
    private static final int BATCH = 8;
    private static final int AFTER_NOTHING = 0;
    private static final int AFTER_INCREMENT = 1;
    private static final int AFTER_FINISH = 2;
    private final MemoryPort crdPort;
    private final MemoryPort segPort;
    private int crdQueued;
    private int segQueued;
    /** Entries to send before the current iteration can end (crd first), and what ends it. */
    private int sendCrd;
    private int sendSeg;
    private int after = -1;

    public FiberWrite(String name, Channel in) {
        this(name, in, null, null);
    }

    /** A writer whose crd and seg writes go through a memory model (Comal registers crd, then seg). */
    public FiberWrite(String name, Channel in, MemoryPort crdPort, MemoryPort segPort) {
        super(name);
        this.in = input(in);
        this.crdPort = memoryPort(crdPort);
        this.segPort = memoryPort(segPort);
    }

    @Override
    public String kind() {
        return "FiberWrite";
    }

    @Override
    public int run(int budget) {
        if (crdPort != null) {
            return runWithMemory(budget);
        }
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

    private int runWithMemory(int budget) {
        int steps = 0;
        while (steps < budget) {
            if (after >= 0) {
                if (sendCrd > 0) {
                    if (!access(crdPort, sendCrd)) {
                        return steps;
                    }
                    sendCrd = 0;
                }
                if (sendSeg > 0) {
                    if (!access(segPort, sendSeg)) {
                        return steps;
                    }
                    sendSeg = 0;
                }
                int then = after;
                after = -1;
                steps++;
                if (then == AFTER_INCREMENT) {
                    t++;
                } else if (then == AFTER_FINISH) {
                    finish();
                    return steps;
                }
                continue;
            }
            if (in.isEmpty()) {
                return steps;
            }
            long token = take(in);
            steps++;
            switch (Token.kind(token)) {
                case Token.KIND_VAL -> {
                    appendCrd(Token.payload(token));
                    if (++crdQueued == BATCH) {
                        sendCrd = crdQueued;
                        crdQueued = 0;
                    }
                    after = AFTER_INCREMENT;
                }
                case Token.KIND_STOP -> {
                    if (!fiberClosed) {
                        appendSeg();
                        if (++segQueued == BATCH) {
                            sendSeg = segQueued;
                            segQueued = 0;
                        }
                        after = AFTER_INCREMENT;
                    } else {
                        // An empty fiber after a stop keeps its segment (DEVIATIONS.md); the write rides
                        // along with Comal's flush, so the timing stays Comal's.
                        appendSeg();
                        segQueued++;
                        flushAll(AFTER_NOTHING);
                    }
                }
                case Token.KIND_EMPTY -> flushAll(AFTER_NOTHING);
                default -> flushAll(AFTER_FINISH);
            }
        }
        return steps;
    }

    private void flushAll(int then) {
        sendCrd = crdQueued;
        sendSeg = segQueued;
        crdQueued = 0;
        segQueued = 0;
        after = then;
    }

    private void appendCrd(int coordinate) {
        if (crdCount == crd.length) {
            crd = Arrays.copyOf(crd, crdCount * 2);
        }
        crd[crdCount++] = coordinate;
        crdWrites++;
        fiberClosed = false;
    }

    private void appendSeg() {
        if (segCount == seg.length) {
            seg = Arrays.copyOf(seg, segCount * 2);
        }
        seg[segCount++] = crdCount;
        segWrites++;
        fiberClosed = true;
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
