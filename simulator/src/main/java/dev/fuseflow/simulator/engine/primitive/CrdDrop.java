package dev.fuseflow.simulator.engine.primitive;

import dev.fuseflow.simulator.engine.Channel;
import dev.fuseflow.simulator.engine.Primitive;
import dev.fuseflow.simulator.engine.Token;

/**
 * Coordinate drop ({@code coord_drop}, Comal CrdDrop): removes the outer coordinates whose inner fiber is
 * empty, so compressed outputs stay compressed; the inner stream passes through unchanged
 * (sam-streams-and-primitives.md §4.14).
 *
 * <p>One outer iteration per outer token. Outer coordinate {@code v}: forward inner tokens up to and
 * including the stop that ends its fiber, then emit {@code v} if the fiber had a coordinate, and pop the
 * outer. Outer stop: emit it and pop. Outer {@code D}: take the inner {@code D}, forward it, emit
 * {@code D} and end. {@code N} on either stream, or an inner {@code D} inside a fiber, breaks the
 * grammar (Comal panics).
 *
 * <p>Unlike Comal, an outer stop that follows another outer stop (or starts the stream) marks an empty
 * outer fiber, and it also takes and forwards that fiber's bare inner stop; Comal leaves that stop for
 * the next coordinate, loses the coordinate and truncates the inner output (simulator/DEVIATIONS.md).
 *
 * <p>Timing: the blocking peek of the outer head, then each inner token is taken ({@code t} moves to its
 * stamp) and forwarded at {@code t+1} with no increment inside the fiber, so a fiber that has already
 * arrived leaves at one stamp and one still arriving leaves 1 cycle behind its input; {@code t += 1} per
 * outer token; {@code D} ends without increment.
 */
public final class CrdDrop extends Primitive {
    private final Channel outer;
    private final Channel inner;
    private final Channel outOuter;
    private final Channel outInner;
    /** Inside an outer coordinate's iteration, forwarding its inner fiber. */
    private boolean inFiber;
    private boolean fiberHasCoordinate;
    /** The last outer token was a stop, or there was none: an outer stop now closes an empty fiber. */
    private boolean afterOuterStop = true;

    public CrdDrop(String name, Channel outer, Channel inner, Channel outOuter, Channel outInner) {
        super(name);
        this.outer = input(outer);
        this.inner = input(inner);
        this.outOuter = output(outOuter);
        this.outInner = output(outInner);
    }

    @Override
    public String kind() {
        return "CrdDrop";
    }

    @Override
    public int run(int budget) {
        int steps = 0;
        while (steps < budget && !outer.isEmpty() && !outputsFull()) {
            long o = outer.peekToken();
            if (inFiber) {
                if (inner.isEmpty()) {
                    break;
                }
                long i = peek(inner);
                steps++;
                switch (Token.kind(i)) {
                    case Token.KIND_VAL -> {
                        emit(outInner, take(inner));
                        fiberHasCoordinate = true;
                    }
                    case Token.KIND_STOP -> {
                        emit(outInner, take(inner));
                        if (fiberHasCoordinate) {
                            emit(outOuter, o);
                        }
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
                        if (inner.isEmpty()) {
                            return steps;
                        }
                        long i = inner.peekToken();
                        if (!Token.isStop(i)) {
                            throw grammarError(inner, i, "the bare stop of an empty outer fiber");
                        }
                        peek(outer);
                        emit(outInner, take(inner));
                    } else {
                        peek(outer);
                    }
                    emit(outOuter, take(outer));
                    afterOuterStop = true;
                    steps++;
                    t++;
                }
                case Token.KIND_DONE -> {
                    if (inner.isEmpty()) {
                        return steps;
                    }
                    peek(outer);
                    long i = peek(inner);
                    if (!Token.isDone(i)) {
                        throw grammarError(inner, i, "D (the outer stream has ended)");
                    }
                    take(inner);
                    take(outer);
                    emit(outInner, Token.DONE);
                    emit(outOuter, Token.DONE);
                    finish();
                    return steps + 1;
                }
                default -> throw grammarError(outer, o, "an outer coordinate, stop or D");
            }
        }
        return steps;
    }
}
