package dev.fuseflow.simulator.engine.primitive;

import dev.fuseflow.simulator.engine.Channel;
import dev.fuseflow.simulator.engine.MemoryPort;
import dev.fuseflow.simulator.engine.Primitive;
import dev.fuseflow.simulator.engine.Token;

/**
 * Level scanner over a compressed level ({@code fiber_lookup}, Comal CompressedCrdRdScan).
 *
 * <p>Ports: {@code in_ref} → {@code out_crd}, {@code out_ref}. For a reference {@code r} it emits the
 * fiber {@code crd[seg[r] .. seg[r+1])} with the positions as references, then peeks the next input: a
 * {@code Sn} there is popped and merged into {@code S(n+1)}, anything else gives {@code S0}. A stop taken
 * directly becomes {@code S(n+1)}; {@code N} (an operand absent at a union's coordinate) gives an empty fiber, i.e. just the stop (simulator/DEVIATIONS.md); {@code D} ends.
 *
 * <p>Timing without memory model (comal-timing-model.md §4.2, default config): coordinates at {@code t+1}
 * with {@code t += 1} after each; the stop waits for the peek and goes out at {@code t+1}; every loop
 * iteration ends with {@code t += 1}; {@code Done} is emitted at {@code t+1} without an increment.
 *
 * <p>With a memory model (§4.2, "With HBM"): for each reference the two seg entries are read as one
 * bundle (the clock becomes the last ack), then the fiber's coordinates in bundles of 8, each bundle's
 * (crd, ref) pairs all emitted at {@code t+1} after its acks, with no per-coordinate increment; an empty
 * fiber still pays the seg round trip. The stop, directly taken stops, {@code N} and {@code D} are as
 * without memory.
 */
public final class CompressedFiberLookup extends Primitive {
    private static final int IDLE = 0;
    private static final int EMITTING = 1;
    private static final int CLOSING = 2;
    private static final int SEG_REQUEST = 3;
    private static final int CRD_REQUEST = 4;
    private static final int BATCH = 8;

    private final Channel in;
    private final Channel outCrd;
    private final Channel outRef;
    private final int[] seg;
    private final int[] crd;
    private int state = IDLE;
    private int position;
    private int end;
    private boolean readingFiber;
    private int lastRef = -1;
    private final MemoryPort segPort;
    private final MemoryPort crdPort;
    private int batchEnd;

    public CompressedFiberLookup(String name, int[] seg, int[] crd, Channel in, Channel outCrd, Channel outRef) {
        this(name, seg, crd, in, outCrd, outRef, null, null);
    }

    /** A scanner whose seg and crd reads go through a memory model (Comal registers seg, then crd). */
    public CompressedFiberLookup(String name, int[] seg, int[] crd, Channel in, Channel outCrd, Channel outRef,
            MemoryPort segPort, MemoryPort crdPort) {
        super(name);
        this.segPort = memoryPort(segPort);
        this.crdPort = memoryPort(crdPort);
        this.seg = seg;
        this.crd = crd;
        this.in = input(in);
        this.outCrd = output(outCrd);
        this.outRef = output(outRef);
    }

    @Override
    protected boolean mayRequestBeforeEmitting() {
        return segPort != null && (state == SEG_REQUEST || state == CRD_REQUEST
                || state == IDLE && !in.isEmpty() && Token.isVal(in.peekToken()));
    }

    @Override
    public String kind() {
        return "FiberLookup";
    }

    @Override
    public int run(int budget) {
        int steps = 0;
        while (steps < budget && !finished()) {
            if (state == SEG_REQUEST) {
                if (!access(segPort, 2)) {
                    break;
                }
                state = position < end ? CRD_REQUEST : CLOSING;
            } else if (state == CRD_REQUEST) {
                batchEnd = Math.min(position + BATCH, end);
                if (!access(crdPort, batchEnd - position)) {
                    break;
                }
                state = EMITTING;
            } else if ((outCrd.isFull() || outRef.isFull())
                    && !(segPort != null && state == IDLE && !in.isEmpty() && Token.isVal(in.peekToken()))) {
                // Requests never wait for room (DAM's scanner blocks only when it sends), so with memory a
                // reference is taken and its seg request sent even while the outputs are full.
                break;
            } else if (state == EMITTING && segPort != null) {
                // One pair per step, all stamped t+1: the bundle's coordinates leave together.
                emit(outCrd, Token.val(crd[position]));
                emit(outRef, Token.val(position));
                if (readingFiber) {
                    crdReads++;
                }
                position++;
                if (position == batchEnd) {
                    state = position < end ? CRD_REQUEST : CLOSING;
                }
            } else if (state == EMITTING) {
                if (position < end) {
                    emit(outCrd, Token.val(crd[position]));
                    emit(outRef, Token.val(position));
                    if (readingFiber) {
                        crdReads++;
                    }
                    position++;
                    t++;
                } else {
                    state = CLOSING;
                }
            } else if (in.isEmpty()) {
                break;
            } else if (state == CLOSING) {
                long next = peek(in);
                long stop = Token.stop(0);
                if (Token.isStop(next)) {
                    take(in);
                    stop = Token.stop(Token.payload(next) + 1);
                }
                emit(outCrd, stop);
                emit(outRef, stop);
                t++;
                state = IDLE;
            } else {
                long token = take(in);
                switch (Token.kind(token)) {
                    case Token.KIND_VAL -> {
                        int ref = Token.payload(token);
                        if (ref < 0 || ref + 1 >= seg.length) {
                            throw grammarError(in, token, "a reference below " + (seg.length - 1));
                        }
                        position = seg[ref];
                        end = seg[ref + 1];
                        // A fiber fetched again right after itself is served from the scanner's buffer
                        // (Comal v1's read count), so only a new reference costs memory reads.
                        readingFiber = ref != lastRef;
                        if (readingFiber) {
                            segReads += 2;
                        }
                        lastRef = ref;
                        state = segPort != null ? SEG_REQUEST : EMITTING;
                    }
                    case Token.KIND_STOP -> {
                        long stop = Token.stop(Token.payload(token) + 1);
                        emit(outCrd, stop);
                        emit(outRef, stop);
                        t++;
                    }
                    // An absent operand (N, from a union) has nothing below: an empty fiber, closed like any
                    // other (Comal main emits a lone N, which no joiner downstream can place).
                    case Token.KIND_EMPTY -> state = CLOSING;
                    default -> {
                        emit(outCrd, Token.DONE);
                        emit(outRef, Token.DONE);
                        finish();
                    }
                }
            }
            steps++;
        }
        return steps;
    }
}
