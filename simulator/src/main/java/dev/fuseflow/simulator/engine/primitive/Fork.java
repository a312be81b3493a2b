package dev.fuseflow.simulator.engine.primitive;

import dev.fuseflow.simulator.engine.Channel;
import dev.fuseflow.simulator.engine.Primitive;
import dev.fuseflow.simulator.engine.Token;

/**
 * Fork ({@code fork}, Comal Scatter): deals the values of one stream round-robin to parallel lanes; stops
 * and {@code D} go to every lane unchanged (sam-streams-and-primitives.md §4.15). The round-robin index
 * is not reset at stops, so one fiber's values may start on any lane. An {@code N} (the reference of an
 * operand absent at a union's coordinate) is dealt like a value, since it stands for one coordinate; Comal
 * panics on it (simulator/DEVIATIONS.md).
 *
 * <p>Timing: every token (also {@code D}) is sent at {@code t+1} and costs {@code t += 1}; Comal then
 * waits for the input to close, which never raises its clock past that, so it ends at the {@code D}'s
 * arrival + 1.
 */
public final class Fork extends Primitive {
    private final Channel in;
    private final Channel[] lanes;
    private int next;

    public Fork(String name, Channel in, Channel[] lanes) {
        super(name);
        if (lanes.length < 1) {
            throw new IllegalArgumentException("fork needs at least one lane");
        }
        this.in = input(in);
        this.lanes = lanes.clone();
        for (Channel lane : this.lanes) {
            output(lane);
        }
    }

    @Override
    public String kind() {
        return "Fork";
    }

    @Override
    public int run(int budget) {
        int steps = 0;
        while (steps < budget && !in.isEmpty() && !outputsFull()) {
            long token = take(in);
            steps++;
            if (Token.isVal(token) || Token.isEmpty(token)) {
                emit(lanes[next], token);
                next = next + 1 == lanes.length ? 0 : next + 1;
            } else {
                for (Channel lane : lanes) {
                    emit(lane, token);
                }
            }
            t++;
            if (Token.isDone(token)) {
                finish();
                break;
            }
        }
        return steps;
    }
}
