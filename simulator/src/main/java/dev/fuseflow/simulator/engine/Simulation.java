package dev.fuseflow.simulator.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;

/**
 * A validated, runnable set of primitives and channels. One thread steps every primitive in sweeps; a
 * primitive runs until it blocks or spends its budget, so consumers run soon after their producers and
 * channels stay short.
 *
 * <p><b>comal</b> without memory: a Kahn network with timestamps, so any order is exact. When a sweep makes
 * no progress and some primitive waits for room on a full channel, the smallest such channel's soft limit
 * is doubled (Parks' rule — e.g. a fan-out whose branches consume at different rates).
 *
 * <p><b>bounded</b>: channel depths are real ({@link Channel#bound}); a sweep without progress is a
 * deadlock, reported with the cycle of blocked primitives and ports ({@link WaitForGraph}).
 *
 * <p><b>Memory models</b> are shared resources that must see requests in timestamp order. Conservative
 * synchronisation: a request a primitive would send at clock {@code s} is admitted ({@link #mayIssue})
 * only when no other primitive can still send one stamped earlier (or at {@code s} with a better rank).
 * A primitive that is runnable, blocked on output or itself waiting for memory may act at its clock
 * {@code t}; one that waits for input acts only after a token arrives, and every token still to come is
 * stamped after some runnable primitive's clock — so such primitives are ignored until an input changes.
 * A refused request stays pending in its primitive, which yields; the primitive with the smallest clock is
 * never refused, so the run progresses.
 *
 * <p>Watchdog: whatever the profile, a run that stops making progress ends with a
 * {@link SimulationException} saying what every unfinished primitive waits for. The cancel flag is polled
 * after every primitive's turn; the progress listener hears the token steps done after the sweep that passes
 * the next multiple of {@link #PROGRESS_EVERY}.
 */
public final class Simulation {
    private static final int SOFT_LIMIT_CAP = 1 << 29;
    /** Token steps between progress updates: rare enough to cost nothing, often enough to look alive. */
    public static final long PROGRESS_EVERY = 1 << 16;

    private final List<Primitive> primitives;
    private final List<Channel> channels;
    private final List<MemoryPort> ports;
    private boolean bounded;

    Simulation(List<Primitive> primitives, List<Channel> channels) {
        this(primitives, channels, List.of());
    }

    Simulation(List<Primitive> primitives, List<Channel> channels, List<MemoryPort> ports) {
        this.primitives = List.copyOf(primitives);
        this.channels = List.copyOf(channels);
        this.ports = List.copyOf(ports);
    }

    public List<Primitive> primitives() {
        return primitives;
    }

    /**
     * Runs to completion. Returns the total token steps; the cycle count is the largest final clock.
     */
    public long run(EngineOptions options, BooleanSupplier cancelled) {
        return run(options, cancelled, ProgressListener.NONE, "simulation");
    }

    /**
     * Runs to completion, telling {@code progressListener} the token steps done so far under {@code label} (total
     * {@link ProgressListener#UNKNOWN}) about every {@link #PROGRESS_EVERY} steps.
     */
    public long run(EngineOptions options, BooleanSupplier cancelled, ProgressListener progressListener,
            String label) {
        bounded = options.timing() == TimingProfile.BOUNDED;
        if (bounded) {
            for (Channel channel : channels) {
                channel.bound(options.fifoDepth());
            }
        }
        boolean synchronised = !ports.isEmpty();
        for (MemoryPort port : ports) {
            port.horizon = this;
        }
        Primitive[] order = stepOrder(options).toArray(Primitive[]::new);
        int budget = options.stepBudget();
        long steps = 0;
        long nextReport = PROGRESS_EVERY;
        boolean idleSweep = false;
        while (true) {
            long progress = 0;
            boolean allFinished = true;
            for (Primitive primitive : order) {
                if (primitive.finished()) {
                    continue;
                }
                primitive.waitingForMemory = false; // set again by a refused request
                int made = primitive.run(budget);
                progress += made;
                if (!primitive.finished()) {
                    allFinished = false;
                    if (synchronised) {
                        classify(primitive, made < budget);
                    }
                }
                if (cancelled.getAsBoolean()) {
                    throw new SimulationCancelledException();
                }
            }
            steps += progress;
            if (steps >= nextReport) {
                progressListener.update(label, steps, ProgressListener.UNKNOWN);
                nextReport = steps + PROGRESS_EVERY;
            }
            if (allFinished) {
                return steps;
            }
            if (progress > 0) {
                idleSweep = false;
                continue;
            }
            if (synchronised && !idleSweep) {
                // Classifications made early in this sweep may be stale: one more sweep sees them fresh.
                idleSweep = true;
                continue;
            }
            if (bounded) {
                throw new SimulationException(new WaitForGraph(primitives).deadlockReport());
            }
            if (!relieveFullChannel()) {
                throw new SimulationException(stuckReport());
            }
            idleSweep = false; // a raised limit changes classifications: judge the next sweep afresh
        }
    }

    /** Records whether a primitive's turn ended waiting for input (then it cannot act before new input). */
    private void classify(Primitive primitive, boolean blocked) {
        boolean input = blocked && !primitive.waitingForMemory;
        if (input) {
            for (Channel out : primitive.outputs()) {
                if (bounded ? !out.hasRoom(2) : out.isFull()) {
                    input = false;
                    break;
                }
            }
        }
        primitive.waitingForInput = input;
        if (input) {
            primitive.waitingSignature = primitive.inputSignature();
        }
    }

    /**
     * True when {@code client} may send a request of port rank {@code rank} at clock {@code sendTime}: every
     * other primitive that could act now has a clock at least {@code sendTime}, and those at exactly
     * {@code sendTime} have no memory port ranked before it (same-cycle requests are served readers first,
     * then writers, in registration order).
     */
    boolean mayIssue(Primitive client, int rank, long sendTime) {
        for (int i = 0, n = primitives.size(); i < n; i++) {
            Primitive other = primitives.get(i);
            if (other == client || other.finished()
                    || other.waitingForInput && other.waitingSignature == other.inputSignature()) {
                continue;
            }
            long key = earliestAction(other);
            if (key < sendTime || key == sendTime && other.memoryRank < rank) {
                client.blocker = other;
                return false;
            }
        }
        return true;
    }

    /**
     * A lower bound on the clock of a primitive's next action: its clock. (A tighter bound for a primitive
     * blocked on a full FIFO — after the consumer's next pop — is wrong in general: DAM sends on the
     * outputs that have room before blocking on the full one, at the current clock.)
     */
    private long earliestAction(Primitive primitive) {
        return primitive.clock();
    }

    /** The largest final clock over all primitives (Comal's elapsed cycles). */
    public long cycles() {
        long cycles = 0;
        for (Primitive primitive : primitives) {
            cycles = Math.max(cycles, primitive.clock());
        }
        return cycles;
    }

    private boolean relieveFullChannel() {
        Channel smallest = null;
        for (Channel channel : channels) {
            if (channel.isFull() && channel.softLimit() < SOFT_LIMIT_CAP && channel.consumer() != null
                    && !channel.consumer().finished()
                    && (smallest == null || channel.softLimit() < smallest.softLimit())) {
                smallest = channel;
            }
        }
        if (smallest == null) {
            return false;
        }
        smallest.raiseSoftLimit();
        return true;
    }

    private String stuckReport() {
        List<String> waits = new ArrayList<>();
        for (Primitive primitive : primitives) {
            if (!primitive.finished()) {
                waits.add(primitive + " " + primitive.waitingOn() + " at cycle " + primitive.clock());
            }
        }
        return "the simulation stopped making progress: " + String.join("; ", waits);
    }

    private List<Primitive> stepOrder(EngineOptions options) {
        List<Primitive> order = new ArrayList<>(primitives);
        switch (options.order()) {
            case REVERSE_TOPOLOGICAL -> Collections.reverse(order);
            case SHUFFLED -> Collections.shuffle(order, new Random(options.shuffleSeed()));
            default -> {
                // the graph's topological order, as built
            }
        }
        return order;
    }
}
