package dev.fuseflow.simulator.engine.primitive;

import dev.fuseflow.simulator.engine.Channel;
import dev.fuseflow.simulator.engine.Primitive;
import dev.fuseflow.simulator.engine.Token;

/**
 * Iterate-and-locate (Comal IterateLocate): iterates the sparse operand and uses each coordinate as the
 * position in a random-access (dense) level, replacing a sparse-by-dense intersection.
 *
 * <p>Each step takes {@code in_ref} then {@code in_crd} and emits {@code out_ref1} = the crd token (the
 * dense side's reference), {@code out_ref2} = the ref token, {@code out_crd} = the crd token.
 *
 * <p>Timing: outputs at {@code t+1}, {@code t += 1}; the step whose ref token is {@code D} ends it
 * without increment.
 */
public final class Locate extends Primitive {
    private final Channel inRef;
    private final Channel inCrd;
    private final Channel outDenseRef;
    private final Channel outSparseRef;
    private final Channel outCrd;

    public Locate(String name, Channel inRef, Channel inCrd, Channel outDenseRef, Channel outSparseRef,
            Channel outCrd) {
        super(name);
        this.inRef = input(inRef);
        this.inCrd = input(inCrd);
        this.outDenseRef = output(outDenseRef);
        this.outSparseRef = output(outSparseRef);
        this.outCrd = output(outCrd);
    }

    @Override
    public String kind() {
        return "Locate";
    }

    @Override
    public int run(int budget) {
        int steps = 0;
        while (steps < budget && !inRef.isEmpty() && !inCrd.isEmpty() && !outputsFull()) {
            long ref = take(inRef);
            long crd = take(inCrd);
            emit(outDenseRef, crd);
            emit(outSparseRef, ref);
            emit(outCrd, crd);
            steps++;
            if (Token.isDone(ref)) {
                finish();
                break;
            }
            t++;
        }
        return steps;
    }
}
