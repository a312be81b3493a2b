package dev.fuseflow.simulator.engine.primitive;

import dev.fuseflow.simulator.engine.Channel;
import dev.fuseflow.simulator.engine.Primitive;
import dev.fuseflow.simulator.engine.Token;

/**
 * Broadcast (DAM BroadcastContext): copies every token of one stream to several consumers; every fan-out
 * in a SAM graph goes through one, since a stream has exactly one consumer.
 *
 * <p>Timing (as found, comal-timing-model.md §4.1): each token is forwarded at {@code t+1} but the clock
 * never increments, so a broadcast adds one cycle of latency and never throttles.
 */
public final class Broadcast extends Primitive {
    private final Channel in;
    private final Channel[] outs;

    public Broadcast(String name, Channel in, Channel[] outs) {
        super(name);
        this.in = input(in);
        this.outs = outs.clone();
        for (Channel out : this.outs) {
            output(out);
        }
    }

    @Override
    public String kind() {
        return "Broadcast";
    }

    @Override
    public int run(int budget) {
        int steps = 0;
        while (steps < budget && !in.isEmpty() && !outputsFull()) {
            long token = take(in);
            if (in.tiles() != null) { // only true-block values count references to their tiles
                for (int o = 1; o < outs.length; o++) {
                    duplicated(in, token);
                }
            }
            for (Channel out : outs) {
                emit(out, token);
            }
            steps++;
            if (Token.isDone(token)) {
                finish();
                break;
            }
        }
        return steps;
    }
}
