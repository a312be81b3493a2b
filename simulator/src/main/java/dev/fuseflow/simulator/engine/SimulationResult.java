package dev.fuseflow.simulator.engine;

import dev.fuseflow.simulator.stats.Statistics;
import dev.fuseflow.simulator.tensor.BlockTensor;
import dev.fuseflow.simulator.tensor.FiberTensor;
import java.util.List;
import java.util.Map;

/**
 * What one graph's simulation produced: totals, per-primitive statistics, the written output tensors and
 * the simulation's own cost (token steps, wall time). In true-block mode the outputs are block tensors
 * ({@code blockOutputs}) and {@code outputs} is empty; otherwise {@code blockOutputs} is empty.
 */
public record SimulationResult(String graph, Statistics statistics, List<PrimitiveStats> primitives,
        Map<String, FiberTensor> outputs, Map<String, BlockTensor> blockOutputs, long wallNanos) {

    public long cycles() {
        return statistics.cycles();
    }

    public double wallMillis() {
        return wallNanos / 1e6;
    }

    /** The same simulation holding {@code kept} as its output tensors (a copy in other formats, or none). */
    public SimulationResult withOutputs(Map<String, FiberTensor> kept) {
        return new SimulationResult(graph, statistics, primitives, kept, blockOutputs, wallNanos);
    }
}
