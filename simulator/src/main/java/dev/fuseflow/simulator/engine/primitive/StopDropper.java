package dev.fuseflow.simulator.engine.primitive;

import dev.fuseflow.simulator.engine.Channel;
import dev.fuseflow.simulator.engine.Primitive;
import dev.fuseflow.simulator.engine.Token;

/**
 * Stop dropper (Comal's StknDrop template, sam-streams-and-primitives.md §4.17): drops a leading stop
 * and every stop that directly follows another stop, so fibers emptied upstream (by a {@link CrdMask}
 * or {@link CrdDrop}) leave no trace in a crd stream that is written. The dropped stop's level is lost
 * with it; writers do not read stop levels. {@code N} breaks the grammar (a crd stream has none).
 *
 * <p>Timing (Comal never builds this template, so ours, following the default rule of
 * comal-timing-model.md §2.3): output at {@code t+1}; {@code t += 1} per input token, a dropped stop
 * included; {@code D} ends without increment.
 */
public final class StopDropper extends Primitive {
    private final Channel in;
    private final Channel out;
    private boolean afterStop = true;

    public StopDropper(String name, Channel in, Channel out) {
        super(name);
        this.in = input(in);
        this.out = output(out);
    }

    @Override
    public String kind() {
        return "StopDropper";
    }

    @Override
    public int run(int budget) {
        int steps = 0;
        while (steps < budget && !in.isEmpty() && !out.isFull()) {
            long token = peek(in);
            switch (Token.kind(token)) {
                case Token.KIND_VAL -> {
                    emit(out, take(in));
                    afterStop = false;
                }
                case Token.KIND_STOP -> {
                    take(in);
                    if (!afterStop) {
                        emit(out, token);
                    }
                    afterStop = true;
                }
                case Token.KIND_DONE -> {
                    take(in);
                    emit(out, Token.DONE);
                    finish();
                    return steps + 1;
                }
                default -> throw grammarError(in, token, "a coordinate, stop or D");
            }
            steps++;
            t++;
        }
        return steps;
    }
}
