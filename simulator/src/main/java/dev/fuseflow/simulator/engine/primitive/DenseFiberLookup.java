package dev.fuseflow.simulator.engine.primitive;

import dev.fuseflow.simulator.engine.Channel;
import dev.fuseflow.simulator.engine.Primitive;
import dev.fuseflow.simulator.engine.Token;

/**
 * Level scanner over a dense (uncompressed) level of size {@code dim} ({@code fiber_lookup}, Comal
 * UncompressedCrdRdScan).
 *
 * <p>Ports: {@code in_ref} → {@code out_crd}, {@code out_ref}. A reference {@code r} gives coordinates
 * {@code 0..dim-1} with references {@code r*dim + c}, then the stop by the same peek rule as the
 * compressed scanner; {@code Sn} → {@code S(n+1)}; {@code N} → an empty fiber (just the stop); {@code D} ends.
 *
 * <p>Timing: coordinates at {@code t+1}, {@code t += 1} each; stop after the blocking peek at
 * {@code t+1}, then {@code t += 1}; {@code Done} at {@code t+1} with no increment. It never touches memory
 * (comal-timing-model.md §4.1), so it counts no memory reads; the coordinates it emits for a new
 * reference are counted as {@code uncompressed_crd_reads}, which Comal v1 prints as a read count.
 */
public final class DenseFiberLookup extends Primitive {
    private static final int IDLE = 0;
    private static final int EMITTING = 1;
    private static final int CLOSING = 2;

    private final Channel in;
    private final Channel outCrd;
    private final Channel outRef;
    private final int dim;
    private int state = IDLE;
    private int coordinate;
    private long base;
    private int lastRef = -1;

    public DenseFiberLookup(String name, int dim, Channel in, Channel outCrd, Channel outRef) {
        super(name);
        this.dim = dim;
        this.in = input(in);
        this.outCrd = output(outCrd);
        this.outRef = output(outRef);
    }

    @Override
    public String kind() {
        return "FiberLookup";
    }

    @Override
    public int run(int budget) {
        int steps = 0;
        while (steps < budget && !finished()) {
            if (outCrd.isFull() || outRef.isFull()) {
                break;
            }
            if (state == EMITTING) {
                if (coordinate < dim) {
                    emit(outCrd, Token.val(coordinate));
                    emit(outRef, Token.val((int) (base + coordinate)));
                    coordinate++;
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
                        if (ref != lastRef) {
                            uncompressedCrdReads += dim;
                        }
                        lastRef = ref;
                        base = (long) ref * dim;
                        coordinate = 0;
                        state = EMITTING;
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
