package dev.fuseflow.simulator.engine.primitive;

import dev.fuseflow.simulator.engine.Channel;
import dev.fuseflow.simulator.engine.Primitive;
import dev.fuseflow.simulator.engine.Token;

/**
 * Coordinate hold ({@code coord_hold}, Comal CrdHold): repeats each outer coordinate once per inner
 * coordinate (sam-streams-and-primitives.md §4.14). The inner stream passes through unchanged.
 *
 * <p>Each step peeks the outer head and takes one inner token, forwarding it. Inner coordinate: emit the
 * outer head on the outer output; when that head is a stop (an empty outer fiber's), pop it and emit the
 * next outer token instead. Inner stop: emit the inner stop on the outer output and pop the outer head.
 * Inner {@code D}: emit {@code D} on both and end, leaving the outer stream's tail unread. Inner
 * {@code N} breaks the grammar (Comal's {@code todo!}).
 *
 * <p>Timing: outputs at {@code t+1}; {@code t += 1} per inner token; the peek of the next outer token
 * after popping an outer stop may advance {@code t}; {@code D} ends without increment.
 */
public final class CrdHold extends Primitive {
    private final Channel outer;
    private final Channel inner;
    private final Channel outOuter;
    private final Channel outInner;

    public CrdHold(String name, Channel outer, Channel inner, Channel outOuter, Channel outInner) {
        super(name);
        this.outer = input(outer);
        this.inner = input(inner);
        this.outOuter = output(outOuter);
        this.outInner = output(outInner);
    }

    @Override
    public String kind() {
        return "CrdHold";
    }

    @Override
    public int run(int budget) {
        int steps = 0;
        while (steps < budget && !outer.isEmpty() && !inner.isEmpty() && !outputsFull()) {
            long o = outer.peekToken();
            long i = inner.peekToken();
            if (Token.isVal(i) && Token.isStop(o) && outer.size() < 2) {
                break; // the coordinate after the outer stop must be present to be held
            }
            peek(outer);
            switch (Token.kind(i)) {
                case Token.KIND_VAL -> {
                    take(inner);
                    emit(outInner, i);
                    if (Token.isStop(o)) {
                        take(outer);
                        o = peek(outer);
                        if (!Token.isVal(o)) {
                            throw grammarError(outer, o, "an outer coordinate to hold for inner coordinate "
                                    + Token.format(i, false));
                        }
                    } else if (!Token.isVal(o)) {
                        throw grammarError(outer, o, "an outer coordinate to hold for inner coordinate "
                                + Token.format(i, false));
                    }
                    emit(outOuter, o);
                }
                case Token.KIND_STOP -> {
                    take(inner);
                    emit(outInner, i);
                    emit(outOuter, i);
                    take(outer);
                }
                case Token.KIND_DONE -> {
                    take(inner);
                    emit(outInner, Token.DONE);
                    emit(outOuter, Token.DONE);
                    finish();
                    return steps + 1;
                }
                default -> throw grammarError(inner, i, "an inner coordinate, stop or D (N cannot be held)");
            }
            steps++;
            t++;
        }
        return steps;
    }
}
