package dev.fuseflow.simulator.engine.primitive;

import dev.fuseflow.simulator.engine.Channel;
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
public final class Union extends Joiner {

    public Union(String name, Channel[] crds, Channel[] refs, Channel outCrd, Channel[] outRefs) {
        super(name, crds, refs, outCrd, outRefs);
    }

    @Override
    public String kind() {
        return "Union";
    }

    @Override
    protected boolean alignedOn(long head) {
        return !Token.isEmpty(head);
    }

    @Override
    protected void decide(long first) {
        int k = crds.length;
        long stop = -1;
        int stopAt = -1;
        long minVal = Long.MAX_VALUE;
        for (int i = 0; i < k; i++) {
            long head = crds[i].peekToken();
            if (Token.isStop(head) && stop < 0) {
                stop = head;
                stopAt = i;
            } else if (Token.isVal(head)) {
                minVal = Math.min(minVal, head);
            }
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
                passPair(i);
            } else if (!Token.isEmpty(head)) {
                emit(outRefs[i], Token.EMPTY);
            }
        }
    }
}
