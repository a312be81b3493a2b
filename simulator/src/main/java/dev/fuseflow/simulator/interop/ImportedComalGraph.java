package dev.fuseflow.simulator.interop;

import dev.fuseflow.diagnostics.UserError;
import dev.fuseflow.simulator.graph.FiberLookupOp;
import dev.fuseflow.simulator.graph.OutputSpec;
import dev.fuseflow.simulator.graph.SamGraph;
import dev.fuseflow.simulator.graph.SamOp;
import dev.fuseflow.simulator.graph.Stream;
import dev.fuseflow.simulator.tensor.FiberTensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Comal graph read into a {@link SamGraph}, with what it needs of its inputs and what it writes.
 *
 * <p>{@link #graph()} carries no {@link OutputSpec}s: a Comal graph does not record tensor sizes, so the
 * written tensors can only be assembled once the inputs are known ({@link #graphFor(Map)}).
 */
public record ImportedComalGraph(String source, SamGraph graph, List<TensorRequirement> inputs,
        List<OutputLayout> outputs) {

    public ImportedComalGraph {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /** The requirement for one input tensor, if the graph reads it. */
    public TensorRequirement input(String tensor) {
        return inputs.stream().filter(r -> r.tensor().equals(tensor)).findFirst().orElse(null);
    }

    /**
     * The size of each index variable, read off the supplied tensors at every scan of the graph (a tensor may
     * be scanned under several variables, e.g. one adjacency matrix used by every layer).
     */
    public Map<String, Integer> indexSizes(Map<String, FiberTensor> tensors) {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        for (SamOp op : graph.ops()) {
            if (op instanceof FiberLookupOp scan) {
                FiberTensor tensor = tensors.get(scan.tensor());
                if (tensor != null && scan.mode() < tensor.rank()) {
                    sizes.putIfAbsent(scan.indexVar(), tensor.dim(scan.mode()));
                }
            }
        }
        for (TensorRequirement requirement : inputs) {
            FiberTensor tensor = tensors.get(requirement.tensor());
            for (TensorRequirement.LevelUse level : requirement.levels()) {
                if (tensor != null && level.mode() < tensor.rank() && !level.indexVar().isEmpty()) {
                    sizes.putIfAbsent(level.indexVar(), tensor.dim(level.mode()));
                }
            }
        }
        return Collections.unmodifiableMap(sizes);
    }

    /** The graph with output specs sized from the supplied input tensors, ready to simulate. */
    public SamGraph graphFor(Map<String, FiberTensor> tensors) {
        Map<String, Integer> sizes = indexSizes(tensors);
        SamGraph.Builder builder = new SamGraph.Builder(graph.name());
        for (Stream stream : graph.streams().values()) {
            // Streams are numbered 1..n in insertion order, so re-adding them keeps every op's ids valid.
            builder.stream(stream.kind(), stream.name());
        }
        for (SamOp op : graph.ops()) {
            builder.add(op);
        }
        for (OutputLayout output : outputs) {
            List<Integer> shape = new ArrayList<>();
            List<Integer> modeOrder = new ArrayList<>();
            for (String indexVar : output.indexVars()) {
                Integer size = sizes.get(indexVar);
                if (size == null) {
                    throw UserError.of(source + ": output " + output.tensor() + " level " + shape.size()
                            + " iterates index variable '" + indexVar + "', which no supplied input tensor sizes.");
                }
                modeOrder.add(shape.size());
                shape.add(size);
            }
            builder.output(new OutputSpec(output.tensor(), shape, modeOrder));
        }
        return builder.build();
    }
}
