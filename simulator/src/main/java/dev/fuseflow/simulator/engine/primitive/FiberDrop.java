package dev.fuseflow.simulator.engine.primitive;

import dev.fuseflow.simulator.engine.Channel;
import dev.fuseflow.simulator.engine.Primitive;
import dev.fuseflow.simulator.engine.Token;

/**
 * Fiber drop (ours; Comal has none): a {@link CrdDrop} that also takes the emptied fibers out of the inner
 * coordinate stream and out of the payload stream aligned with it, so what comes out is the fiber tree without
 * those outer coordinates. A CrdDrop passes the inner stream through, which only a writer can follow; the
 * compiler needs this one where a fused reduction's empty rows must vanish before a broadcast operand is
 * repeated over the rows that remain (compiler/DEVIATIONS.md).
 *
 * <p>Removing a fiber removes its stop, but the stop's level may also close enclosing fibers. So each stop
 * that ends a kept fiber is held back until the next token shows whether it is final: a removed fiber that
 * follows a kept one in the same outer fiber raises the held stop to its own level; a removed fiber that
 * ends an outer fiber in which nothing was kept leaves its stop as the bare stop of that (now empty) outer
 * fiber; a removed fiber with neither leaves no trace.
 *
 * <p>An outer coordinate is emitted with the first inner coordinate of its fiber (the fiber is non-empty
 * from then on). Timing, as CrdDrop's (comal-timing-model.md, CrdDrop): the blocking peek of the outer head;
 * inner tokens are forwarded at {@code t+1} with no increment inside a fiber; {@code t += 1} per outer token;
 * {@code D} ends without increment. {@code N} on a coordinate stream, a payload out of step with the inner
 * coordinates, or an inner {@code D} inside a fiber breaks the grammar.
 */
public final class FiberDrop extends Primitive {
    private static final int NONE = -1;

    private final Channel outer;
    private final Channel inner;
    private final Channel payload;
    private final Channel outOuter;
    private final Channel outInner;
    private final Channel outPayload;
    private boolean inFiber;
    private boolean fiberHasCoordinate;
    /** The last outer token was a stop, or there was none: an outer stop now closes an empty outer fiber. */
    private boolean afterOuterStop = true;
    /** A fiber of the current outer fiber has been kept. */
    private boolean keptInOuterFiber;
    /** The level of the stop held back, or {@link #NONE}. */
    private int heldStop = NONE;

    public FiberDrop(String name, Channel outer, Channel inner, Channel payload, Channel outOuter, Channel outInner,
            Channel outPayload) {
        super(name);
        this.outer = input(outer);
        this.inner = input(inner);
        this.payload = input(payload);
        this.outOuter = output(outOuter);
        this.outInner = output(outInner);
        this.outPayload = output(outPayload);
    }

    @Override
    public String kind() {
        return "FiberDrop";
    }

    @Override
    public int run(int budget) {
        int steps = 0;
        while (steps < budget && !outer.isEmpty() && !outputsFull()) {
            long o = outer.peekToken();
            if (inFiber) {
                if (inner.isEmpty() || payload.isEmpty()) {
                    break;
                }
                long i = peek(inner);
                long p = peek(payload);
                steps++;
                switch (Token.kind(i)) {
                    case Token.KIND_VAL -> {
                        if (Token.isStop(p) || Token.isDone(p)) {
                            throw grammarError(payload, p, "the payload of inner coordinate " + Token.format(i, false));
                        }
                        if (!fiberHasCoordinate) {
                            releaseHeldStop();
                            emit(outOuter, o);
                            fiberHasCoordinate = true;
                        }
                        emit(outInner, take(inner));
                        emit(outPayload, take(payload));
                    }
                    case Token.KIND_STOP -> {
                        requireSameStop(i, p);
                        take(inner);
                        take(payload);
                        endFiber(Token.payload(i));
                        take(outer);
                        inFiber = false;
                        afterOuterStop = false;
                        t++;
                    }
                    default -> throw grammarError(inner, i, "an inner coordinate or the stop ending the fiber of "
                            + "outer coordinate " + Token.format(o, false));
                }
                continue;
            }
            switch (Token.kind(o)) {
                case Token.KIND_VAL -> {
                    peek(outer);
                    inFiber = true;
                    fiberHasCoordinate = false;
                }
                case Token.KIND_STOP -> {
                    if (afterOuterStop) {
                        if (inner.isEmpty() || payload.isEmpty()) {
                            return steps;
                        }
                        long i = inner.peekToken();
                        if (!Token.isStop(i)) {
                            throw grammarError(inner, i, "the bare stop of an empty outer fiber");
                        }
                        peek(outer);
                        long p = peek(payload);
                        requireSameStop(i, p);
                        take(inner);
                        take(payload);
                        releaseHeldStop();
                        heldStop = Token.payload(i);
                    } else {
                        peek(outer);
                    }
                    emit(outOuter, take(outer));
                    afterOuterStop = true;
                    keptInOuterFiber = false;
                    steps++;
                    t++;
                }
                case Token.KIND_DONE -> {
                    if (inner.isEmpty() || payload.isEmpty()) {
                        return steps;
                    }
                    peek(outer);
                    long i = peek(inner);
                    long p = peek(payload);
                    if (!Token.isDone(i)) {
                        throw grammarError(inner, i, "D (the outer stream has ended)");
                    }
                    if (!Token.isDone(p)) {
                        throw grammarError(payload, p, "D (the inner stream has ended)");
                    }
                    take(inner);
                    take(payload);
                    take(outer);
                    releaseHeldStop();
                    emit(outInner, Token.DONE);
                    emit(outPayload, Token.DONE);
                    emit(outOuter, Token.DONE);
                    finish();
                    return steps + 1;
                }
                default -> throw grammarError(outer, o, "an outer coordinate, stop or D");
            }
        }
        return steps;
    }

    /** The stop of level {@code level} ends the current fiber; decides what survives of it. */
    private void endFiber(int level) {
        if (fiberHasCoordinate) {
            heldStop = level;
            keptInOuterFiber = true;
        } else if (keptInOuterFiber) {
            heldStop = Math.max(heldStop, level);
        } else if (level > 0) {
            // the whole outer fiber is gone: its bare stop stands for it
            releaseHeldStop();
            heldStop = level;
        }
    }

    private void releaseHeldStop() {
        if (heldStop != NONE) {
            long stop = Token.stop(heldStop);
            emit(outInner, stop);
            emit(outPayload, stop);
            heldStop = NONE;
        }
    }

    private void requireSameStop(long innerStop, long payloadToken) {
        if (payloadToken != innerStop) {
            throw grammarError(payload, payloadToken, Token.format(innerStop, false) + " (the inner stream's stop)");
        }
    }
}
