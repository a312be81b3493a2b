package dev.fuseflow.workbench;

import dev.fuseflow.simulator.graph.SamGraph;
import dev.fuseflow.simulator.tensor.FiberTensor;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One named graph of the simulator-speed bench: how to build the SAM graph and its input tensors. Building
 * is not timed; only {@code Simulator.simulate} is. A new case is one more entry in {@link BenchSuite}.
 *
 * @param name        the {@code graph} field of the bench's JSON
 * @param description one line for the help text and docs/bench.md
 * @param input       builds the graph and its inputs (called once per bench run, before the warm-up)
 */
record BenchCase(String name, String description, Supplier<Input> input) {

    /**
     * A graph ready to simulate.
     *
     * @param data what the inputs are (the {@code data} field of the bench's JSON), e.g. a generated size
     */
    record Input(SamGraph graph, Map<String, FiberTensor> tensors, String data) {
    }
}
