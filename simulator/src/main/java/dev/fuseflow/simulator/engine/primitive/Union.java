package dev.fuseflow.simulator.engine.primitive;

import dev.fuseflow.simulator.engine.Channel;
import dev.fuseflow.simulator.engine.Primitive;
import dev.fuseflow.simulator.engine.Token;

/**
 * N-ary union ({@code joiner UNION}, Comal NUnion): keeps the coordinates present in any input; an input
 * that lacks the coordinate gets {@code N} on its ref output (sam-streams-and-primitives.md §4.7). A ref
 * payload may be a value stream, so a union feeds {@code N} to ALUs, which read it as 0.
 *
 * <p>Each step peeks every crd and ref head and makes one decision:
 * <ul>
 * <li>all crd heads equal (a value, a stop or {@code D}; {@code N} never counts as equal): emit it and
 * every ref head, pop all; {@code D} ends;</li>
 * <li>some head is a stop: the inputs at the minimum coordinate emit it (once) and their refs and are
 * popped; every other input emits {@code N} on its ref and waits. All stop heads must agree, and a
 * {@code D} or {@code N} crd head breaks the grammar (Comal panics);</li>
 * <li>otherwise: as above, except that an input whose crd head is {@code N} emits nothing and is not
 * popped (Comal's quirk: its ref output falls out of step, and the run fails once another input reaches
 * a stop); a {@code D} head beside a coordinate breaks the grammar.</li>
 * </ul>
 *
 * <p>Timing: {@code t} = the latest head stamp; crd and refs at {@code t+1}; {@code t += 1} per decision;
 * {@code D} ends without increment.
 */
public final class Union extends Primitive {
    private final Channel[] crds;
    private final Channel[] refs;
    private final Channel outCrd;
    private final Channel[] outRefs;

    public Union(String name, Channel[] crds, Channel[] refs, Channel outCrd, Channel[] outRefs) {
        super(name);
        if (crds.length < 2 || refs.length != crds.length || outRefs.length != crds.length) {
            throw new IllegalArgumentException("union needs k >= 2 crd, ref and out_ref ports");
        }
        this.crds = crds.clone();
        this.refs = refs.clone();
        this.outRefs = outRefs.clone();
        for (Channel c : this.crds) {
            input(c);
        }
        for (Channel c : this.refs) {
            input(c);
        }
        this.outCrd = output(outCrd);
        for (Channel c : this.outRefs) {
            output(c);
        }
    }

    @Override
    public String kind() {
        return "Union";
    }

    @Override
    public int run(int budget) {
        int k = crds.length;
        int steps = 0;
        outer:
        while (steps < budget && !finished()) {
            for (int i = 0; i < k; i++) {
                if (crds[i].isEmpty() || refs[i].isEmpty()) {
                    break outer;
                }
            }
            if (outputsFull()) {
                break;
            }
            for (int i = 0; i < k; i++) {
                peek(crds[i]);
            }
            for (int i = 0; i < k; i++) {
                peek(refs[i]);
            }
            steps++;
            long first = crds[0].peekToken();
            boolean allEqual = !Token.isEmpty(first);
            long stop = -1;
            int stopAt = -1;
            long minVal = Long.MAX_VALUE;
            for (int i = 0; i < k; i++) {
                long head = crds[i].peekToken();
                allEqual &= head == first;
                if (Token.isStop(head) && stop < 0) {
                    stop = head;
                    stopAt = i;
                } else if (Token.isVal(head)) {
                    minVal = Math.min(minVal, head);
                }
            }
            if (allEqual) {
                emit(outCrd, first);
                for (int i = 0; i < k; i++) {
                    emit(outRefs[i], refs[i].peekToken());
                    take(crds[i]);
                    take(refs[i]);
                }
                if (Token.isDone(first)) {
                    finish();
                } else {
                    t++;
                }
                continue;
            }
            for (int i = 0; i < k; i++) {
                long head = crds[i].peekToken();
                if (Token.isDone(head)) {
                    throw grammarError(crds[i], head, stop >= 0 ? Token.format(stop, false)
                            + " (as on '" + crds[stopAt].name() + "')" : "a coordinate (the other inputs have not ended)");
                }
                if (stop >= 0) {
                    if (Token.isEmpty(head)) {
                        throw grammarError(crds[i], head, "a coordinate or " + Token.format(stop, false)
                                + " (N is not a coordinate)");
                    }
                    if (Token.isStop(head) && head != stop) {
                        throw grammarError(crds[i], head, Token.format(stop, false) + " (as on '"
                                + crds[stopAt].name() + "')");
                    }
                }
            }
            if (minVal == Long.MAX_VALUE) {
                throw grammarError(crds[0], first, "a coordinate on some input (every head is N)");
            }
            emit(outCrd, minVal);
            for (int i = 0; i < k; i++) {
                long head = crds[i].peekToken();
                if (head == minVal) {
                    emit(outRefs[i], refs[i].peekToken());
                    take(crds[i]);
                    take(refs[i]);
                } else if (!Token.isEmpty(head)) {
                    emit(outRefs[i], Token.EMPTY);
                }
            }
            t++;
        }
        return steps;
    }
}
