package dev.fuseflow.simulator.engine.primitive;

import dev.fuseflow.simulator.engine.Channel;
import dev.fuseflow.simulator.engine.Primitive;
import dev.fuseflow.simulator.engine.Token;

/**
 * Ordered join: puts the lanes of a parallel region back into the order of the coordinates a {@link Fork}
 * dealt them. The control stream is the stream the fork split; its k-th value (counted across fibers, as
 * the fork's round-robin is) went to lane {@code k mod P}, so for each control value the join copies one
 * element from that lane: the tokens up to and including a stop of level {@code depth} or above (a single
 * token when {@code depth == -1}).
 *
 * <p>In a lane, the last element of a fiber ends with a stop raised past {@code depth} (the fiber's end
 * merges with the element's end), and a lane that received no coordinate of a fiber carries only that
 * raised stop. So the element-ending stop is held back until the next control token says whether the
 * fiber goes on ({@code S<depth>}) or ends ({@code S<depth+1+k>} for a control {@code Sk}, after taking the
 * bare stop of every lane that had no element in the fiber). {@code D} takes every lane's {@code D}.
 *
 * <p>Timing as Comal's Join: each emitted token at {@code t+1}, {@code t += 1} per emitted token.
 */
public final class OrderedJoin extends Primitive {
    private final Channel control;
    private final Channel[] lanes;
    private final Channel out;
    private final int depth;
    /** Lane whose element is being copied, or -1 between elements. */
    private int copying = -1;
    private int nextLane;
    private boolean elementEndPending;
    /** Per lane: the raised stop level already taken in the current fiber, or -1. */
    private final int[] fiberEndTaken;

    public OrderedJoin(String name, Channel control, Channel[] lanes, int depth, Channel out) {
        super(name);
        if (lanes.length < 1) {
            throw new IllegalArgumentException("an ordered join needs at least one lane");
        }
        this.control = input(control);
        this.lanes = lanes.clone();
        for (Channel lane : this.lanes) {
            input(lane);
        }
        this.out = output(out);
        this.depth = depth;
        this.fiberEndTaken = new int[lanes.length];
        java.util.Arrays.fill(fiberEndTaken, -1);
    }

    @Override
    public String kind() {
        return "OrderedJoin";
    }

    @Override
    public int run(int budget) {
        int steps = 0;
        while (steps < budget && !out.isFull()) {
            if (copying >= 0) {
                if (!copyOne()) {
                    return steps;
                }
            } else if (!control.isEmpty()) {
                if (!steer()) {
                    return steps;
                }
                if (finished()) {
                    return steps + 1;
                }
            } else {
                return steps;
            }
            steps++;
        }
        return steps;
    }

    /** One token of the current element; false when the lane has nothing yet. */
    private boolean copyOne() {
        Channel lane = lanes[copying];
        if (lane.isEmpty()) {
            return false;
        }
        long token = peek(lane);
        if (depth < 0) {
            if (Token.isStop(token) || Token.isDone(token)) {
                throw grammarError(lane, token, "one value for the element");
            }
            emit(out, take(lane));
            t++;
            copying = -1;
            return true;
        }
        switch (Token.kind(token)) {
            case Token.KIND_VAL, Token.KIND_EMPTY -> {
                emit(out, take(lane));
                t++;
            }
            case Token.KIND_STOP -> {
                take(lane);
                int level = Token.payload(token);
                if (level < depth) {
                    emit(out, token);
                    t++;
                } else {
                    if (level > depth) {
                        fiberEndTaken[copying] = level;
                    }
                    elementEndPending = true;
                    copying = -1;
                }
            }
            default -> throw grammarError(lane, token, "the rest of an element (a D cannot end an element)");
        }
        return true;
    }

    /** Acts on the head of the control stream; false when it must wait. */
    private boolean steer() {
        long token = peek(control);
        if (Token.isVal(token)) {
            if (elementEndPending) {
                emit(out, Token.stop(depth));
                t++;
                elementEndPending = false;
            }
            take(control);
            copying = nextLane;
            nextLane = nextLane + 1 == lanes.length ? 0 : nextLane + 1;
            return true;
        }
        if (Token.isStop(token)) {
            int level = depth < 0 ? Token.payload(token) : depth + 1 + Token.payload(token);
            for (int i = 0; i < lanes.length; i++) {
                if (fiberEndTaken[i] < 0 && lanes[i].isEmpty()) {
                    return false;
                }
            }
            for (int i = 0; i < lanes.length; i++) {
                if (fiberEndTaken[i] < 0) {
                    long end = peek(lanes[i]);
                    if (!Token.isStop(end) || Token.payload(end) != level) {
                        throw grammarError(lanes[i], end, "S" + level + " closing the fiber");
                    }
                    take(lanes[i]);
                } else if (fiberEndTaken[i] != level) {
                    throw grammarError(lanes[i], Token.stop(fiberEndTaken[i]), "S" + level + " closing the fiber");
                }
                fiberEndTaken[i] = -1;
            }
            take(control);
            emit(out, Token.stop(level));
            t++;
            elementEndPending = false;
            return true;
        }
        if (Token.isDone(token)) {
            for (Channel lane : lanes) {
                if (lane.isEmpty()) {
                    return false;
                }
            }
            for (Channel lane : lanes) {
                long end = peek(lane);
                if (!Token.isDone(end)) {
                    throw grammarError(lane, end, "D");
                }
                take(lane);
            }
            take(control);
            emit(out, Token.DONE);
            finish();
            return true;
        }
        throw grammarError(control, token, "a coordinate, stop or D on the control stream");
    }

    @Override
    public String waitingOn() {
        if (copying >= 0 && lanes[copying].isEmpty()) {
            return "waits for lane '" + lanes[copying].name() + "'";
        }
        return super.waitingOn();
    }
}
