package dev.fuseflow.simulator.engine.primitive;

import dev.fuseflow.simulator.engine.Channel;
import dev.fuseflow.simulator.engine.Primitive;
import dev.fuseflow.simulator.engine.Token;

/**
 * What Comal's N-ary joiners (NIntersect, NUnion) share: k (crd, ref) input pairs, one crd output and k
 * ref outputs; each step peeks every crd head, then every ref head ({@code t} becomes the latest stamp),
 * and makes one decision. When every crd head is the same token the step is the same for both: emit it
 * and every ref head, pop all, and {@code D} ends without increment. The other decisions are the
 * subclass's {@link #decide}.
 *
 * <p>Timing: outputs at {@code t+1}; {@code t += 1} per decision.
 */
abstract class Joiner extends Primitive {
    protected final Channel[] crds;
    protected final Channel[] refs;
    protected final Channel outCrd;
    protected final Channel[] outRefs;

    protected Joiner(String name, Channel[] crds, Channel[] refs, Channel outCrd, Channel[] outRefs) {
        super(name);
        if (crds.length < 2 || refs.length != crds.length || outRefs.length != crds.length) {
            throw new IllegalArgumentException(kind().toLowerCase() + " needs k >= 2 crd, ref and out_ref ports");
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

    /** True when equal crd heads {@code head} on every input are passed on together. */
    protected abstract boolean alignedOn(long head);

    /**
     * The step when the crd heads differ (or are not {@link #alignedOn aligned}): emit and pop as the joiner
     * decides; the caller adds the cycle.
     */
    protected abstract void decide(long first);

    @Override
    public final int run(int budget) {
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
            boolean allEqual = alignedOn(first);
            for (int i = 1; i < k && allEqual; i++) {
                allEqual = crds[i].peekToken() == first;
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
            decide(first);
            t++;
        }
        return steps;
    }

    /** Pops input {@code i}'s crd and ref heads, the reference being dropped (not passed on). */
    protected final void dropPair(int i) {
        take(crds[i]);
        dropped(refs[i], take(refs[i]));
    }

    /** Pops input {@code i}'s crd and ref heads and passes the ref on. */
    protected final void passPair(int i) {
        emit(outRefs[i], refs[i].peekToken());
        take(crds[i]);
        take(refs[i]);
    }
}
