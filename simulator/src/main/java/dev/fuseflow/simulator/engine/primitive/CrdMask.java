package dev.fuseflow.simulator.engine.primitive;

import dev.fuseflow.simulator.engine.Channel;
import dev.fuseflow.simulator.engine.Primitive;
import dev.fuseflow.simulator.engine.Token;
import dev.fuseflow.simulator.graph.MaskPredicate;

/**
 * Coordinate mask (Comal's CrdMask template, which the protobuf driver never builds; SAM-Python
 * {@code CrdMask}; sam-streams-and-primitives.md §4.17): walks (outer, inner) coordinate pairs as a
 * {@link CrdHold} does and drops the inner coordinates, with their refs, for which the predicate holds
 * (e.g. {@code inner > outer} for a causal mask). An outer coordinate is emitted only when its inner fiber
 * keeps a coordinate, as {@link CrdDrop} does.
 *
 * <p>Inner stops pass unchanged on the crd and ref outputs, so a fiber emptied by the mask leaves a bare
 * stop, which writers ignore after another stop and a {@link StopDropper} removes. An outer stop that
 * closes an empty outer fiber also takes and forwards that fiber's bare inner stop. The inner ref stream
 * moves in lockstep with the inner crd stream; its control tokens must match the crd's. {@code N} on a
 * crd stream breaks the grammar; an {@code N} ref is forwarded like any ref.
 *
 * <p>Timing (ours; Comal panics on {@code coord_mask}): like CrdHold, each step peeks the outer head and
 * takes one inner crd and ref; outputs at {@code t+1}; {@code t += 1} per inner token and per outer stop;
 * {@code D} ends without increment.
 */
public final class CrdMask extends Primitive {
    private final MaskPredicate predicate;
    private final Channel outer;
    private final Channel innerCrd;
    private final Channel innerRef;
    private final Channel outOuter;
    private final Channel outInnerCrd;
    private final Channel outInnerRef;
    private boolean fiberHasCoordinate;
    private boolean afterOuterStop = true;

    public CrdMask(String name, MaskPredicate predicate, Channel outer, Channel innerCrd, Channel innerRef,
            Channel outOuter, Channel outInnerCrd, Channel outInnerRef) {
        super(name);
        this.predicate = predicate;
        this.outer = input(outer);
        this.innerCrd = input(innerCrd);
        this.innerRef = input(innerRef);
        this.outOuter = output(outOuter);
        this.outInnerCrd = output(outInnerCrd);
        this.outInnerRef = output(outInnerRef);
    }

    @Override
    public String kind() {
        return "CrdMask";
    }

    @Override
    public int run(int budget) {
        int steps = 0;
        while (steps < budget && !outer.isEmpty() && !outputsFull()) {
            long o = outer.peekToken();
            boolean needsInner = !Token.isStop(o) || afterOuterStop;
            if (needsInner && (innerCrd.isEmpty() || innerRef.isEmpty())) {
                break;
            }
            peek(outer);
            steps++;
            switch (Token.kind(o)) {
                case Token.KIND_VAL -> {
                    long c = peek(innerCrd);
                    long r = peek(innerRef);
                    checkAligned(c, r);
                    if (Token.isVal(c)) {
                        if (!predicate.drops(Token.payload(o), Token.payload(c))) {
                            emit(outInnerCrd, c);
                            emit(outInnerRef, r);
                            fiberHasCoordinate = true;
                        } else {
                            dropped(innerRef, r);
                        }
                    } else if (Token.isStop(c)) {
                        emit(outInnerCrd, c);
                        emit(outInnerRef, r);
                        if (fiberHasCoordinate) {
                            emit(outOuter, o);
                        }
                        take(outer);
                        fiberHasCoordinate = false;
                        afterOuterStop = false;
                    } else {
                        throw grammarError(innerCrd, c, "an inner coordinate or the stop ending the fiber of "
                                + "outer coordinate " + Token.format(o, false));
                    }
                    take(innerCrd);
                    take(innerRef);
                    t++;
                }
                case Token.KIND_STOP -> {
                    if (afterOuterStop) {
                        long c = peek(innerCrd);
                        long r = peek(innerRef);
                        checkAligned(c, r);
                        if (!Token.isStop(c)) {
                            throw grammarError(innerCrd, c, "the bare stop of an empty outer fiber");
                        }
                        emit(outInnerCrd, take(innerCrd));
                        emit(outInnerRef, take(innerRef));
                    }
                    emit(outOuter, take(outer));
                    afterOuterStop = true;
                    t++;
                }
                case Token.KIND_DONE -> {
                    long c = peek(innerCrd);
                    long r = peek(innerRef);
                    if (!Token.isDone(c)) {
                        throw grammarError(innerCrd, c, "D (the outer stream has ended)");
                    }
                    checkAligned(c, r);
                    take(outer);
                    take(innerCrd);
                    take(innerRef);
                    emit(outOuter, Token.DONE);
                    emit(outInnerCrd, Token.DONE);
                    emit(outInnerRef, Token.DONE);
                    finish();
                    return steps;
                }
                default -> throw grammarError(outer, o, "an outer coordinate, stop or D");
            }
        }
        return steps;
    }

    private void checkAligned(long crd, long ref) {
        boolean refIsPayload = Token.isVal(ref) || Token.isEmpty(ref);
        if (Token.isVal(crd) ? !refIsPayload : crd != ref) {
            throw grammarError(innerRef, ref, "a token aligned with " + Token.format(crd, false) + " on '"
                    + innerCrd.name() + "'");
        }
    }
}
