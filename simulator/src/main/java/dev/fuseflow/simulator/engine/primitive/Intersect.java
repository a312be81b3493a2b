package dev.fuseflow.simulator.engine.primitive;

import dev.fuseflow.simulator.engine.Channel;
import dev.fuseflow.simulator.engine.Token;

/**
 * N-ary intersection ({@code joiner INTERSECT}, Comal NIntersect): keeps the coordinates present in all
 * inputs, forwarding each input's reference (or value) payload (sam-streams-and-primitives.md §4.7).
 *
 * <p>Each step peeks every crd and ref head and makes one decision. All heads equal: emit the crd and
 * each ref, pop all ({@code D} ends). Otherwise, if a head is a stop: pop the inputs whose head is the
 * minimum coordinate (all stop heads must agree). Otherwise: pop the minimum coordinates; each {@code N}
 * head emits {@code N} everywhere without being popped.
 *
 * <p>Timing: {@code t} = the latest head stamp; outputs at {@code t+1}; {@code t += 1} per decision, so a
 * skipped coordinate also costs a cycle; {@code D} ends without increment.
 */
public final class Intersect extends Joiner {

    public Intersect(String name, Channel[] crds, Channel[] refs, Channel outCrd, Channel[] outRefs) {
        super(name, crds, refs, outCrd, outRefs);
    }

    @Override
    public String kind() {
        return "Intersect";
    }

    @Override
    protected boolean alignedOn(long head) {
        return true; // equal N heads pass on together too
    }

    @Override
    protected void decide(long first) {
        int k = crds.length;
        boolean anyStop = false;
        long minVal = Long.MAX_VALUE;
        for (int i = 0; i < k; i++) {
            long head = crds[i].peekToken();
            if (Token.isStop(head)) {
                anyStop = true;
            } else if (Token.isVal(head)) {
                minVal = Math.min(minVal, head);
            }
        }
        long stop = -1;
        for (int i = 0; i < k; i++) {
            long head = crds[i].peekToken();
            if (anyStop) {
                if (Token.isStop(head)) {
                    if (stop >= 0 && head != stop) {
                        throw grammarError(crds[i], head, Token.format(stop, false) + " (as on the other inputs)");
                    }
                    stop = head;
                } else if (Token.isDone(head)) {
                    throw grammarError(crds[i], head, "a stop token (as on the other inputs)");
                }
            }
            if (Token.isEmpty(head) && !anyStop) {
                emit(outCrd, Token.EMPTY);
                for (Channel out : outRefs) {
                    emit(out, Token.EMPTY);
                }
            }
        }
        for (int i = 0; i < k; i++) {
            if (crds[i].peekToken() == minVal) {
                dropPair(i);
            }
        }
    }
}
