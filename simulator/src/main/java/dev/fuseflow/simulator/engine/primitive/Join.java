package dev.fuseflow.simulator.engine.primitive;

import dev.fuseflow.simulator.engine.Channel;
import dev.fuseflow.simulator.engine.Primitive;
import dev.fuseflow.simulator.engine.Token;

/**
 * Join ({@code join}, Comal Gather): reads only the current lane, starting at lane 0, and concatenates
 * one whole fiber per lane in turn (sam-streams-and-primitives.md §4.15). It is not the inverse of
 * {@link Fork}, which deals single values; this is Comal's behaviour and is kept.
 *
 * <p>A value passes on. A stop {@code Sn} is emitted as {@code S0}, or as {@code Sn} on the last lane,
 * and moves to the next lane. {@code D} on a lane other than the last moves to the next lane and emits
 * nothing; {@code D} on the last lane is emitted and ends. {@code N} breaks the grammar (Comal panics).
 *
 * <p>Timing: output at {@code t+1}; {@code t += 1} per token, including a non-last lane's {@code D}; the
 * last lane's {@code D} ends without increment.
 */
public final class Join extends Primitive {
    private final Channel[] lanes;
    private final Channel out;
    private int lane;

    public Join(String name, Channel[] lanes, Channel out) {
        super(name);
        if (lanes.length < 1) {
            throw new IllegalArgumentException("join needs at least one lane");
        }
        this.lanes = lanes.clone();
        for (Channel c : this.lanes) {
            input(c);
        }
        this.out = output(out);
    }

    @Override
    public String kind() {
        return "Join";
    }

    @Override
    public int run(int budget) {
        int steps = 0;
        int last = lanes.length - 1;
        while (steps < budget && !lanes[lane].isEmpty() && !out.isFull()) {
            Channel current = lanes[lane];
            long token = peek(current);
            switch (Token.kind(token)) {
                case Token.KIND_VAL -> emit(out, take(current));
                case Token.KIND_STOP -> {
                    take(current);
                    emit(out, lane == last ? token : Token.stop(0));
                    lane = lane == last ? 0 : lane + 1;
                }
                case Token.KIND_DONE -> {
                    take(current);
                    if (lane == last) {
                        emit(out, Token.DONE);
                        finish();
                        return steps + 1;
                    }
                    lane++;
                }
                default -> throw grammarError(current, token, "a value, stop or D (a join cannot pass N)");
            }
            steps++;
            t++;
        }
        return steps;
    }

    @Override
    public String waitingOn() {
        return lanes[lane].isEmpty() ? "waits for lane '" + lanes[lane].name() + "'" : super.waitingOn();
    }
}
