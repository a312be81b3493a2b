package dev.fuseflow.simulator.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A validated, runnable set of primitives and channels. One thread steps every primitive in sweeps; a
 * primitive runs until it blocks or spends its budget, so consumers run soon after their producers and
 * channels stay short.
 *
 * <p>When a sweep makes no progress: if some primitive waits for room on a full channel, the smallest such
 * channel's soft limit is doubled (Parks' rule — the network needs more buffering, e.g. a fan-out whose
 * branches consume at different rates); otherwise the graph is stuck and a {@link SimulationException}
 * lists what every unfinished primitive waits for. The cancel flag is polled after every primitive's turn.
 */
public final class Simulation {
    private final List<Primitive> primitives;
    private final List<Channel> channels;

    Simulation(List<Primitive> primitives, List<Channel> channels) {
        this.primitives = List.copyOf(primitives);
        this.channels = List.copyOf(channels);
    }

    public List<Primitive> primitives() {
        return primitives;
    }

    /**
     * Runs to completion. Returns the total token steps; the cycle count is the largest final clock.
     */
    public long run(EngineOptions options, BooleanSupplier cancelled) {
        Primitive[] order = stepOrder(options).toArray(Primitive[]::new);
        int budget = options.stepBudget();
        long steps = 0;
        while (true) {
            long progress = 0;
            boolean allFinished = true;
            for (Primitive primitive : order) {
                if (primitive.finished()) {
                    continue;
                }
                progress += primitive.run(budget);
                if (!primitive.finished()) {
                    allFinished = false;
                }
                if (cancelled.getAsBoolean()) {
                    throw new SimulationCancelledException();
                }
            }
            steps += progress;
            if (allFinished) {
                return steps;
            }
            if (progress == 0 && !relieveFullChannel()) {
                throw new SimulationException(stuckReport());
            }
        }
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
            if (channel.isFull() && channel.consumer() != null && !channel.consumer().finished()
                    && (smallest == null || channel.softLimit() < smallest.softLimit())) {
                smallest = channel;
            }
        }
        for (Channel channel : channels) {
            if (smallest == null && channel.isFull()) {
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
            case REVERSE_TOPOLOGICAL -> java.util.Collections.reverse(order);
            case SHUFFLED -> java.util.Collections.shuffle(order, new java.util.Random(options.shuffleSeed()));
            default -> order.sort(Comparator.comparingInt(primitives::indexOf));
        }
        return order;
    }
}
