package dev.fuseflow.simulator.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.DirectedPseudograph;
import org.jgrapht.traverse.TopologicalOrderIterator;

/**
 * A SAM dataflow graph: primitives ({@link SamOp}) connected by typed {@link Stream}s, plus the output
 * tensors its writers produce. The machine's instruction set: the compiler emits it, the simulator runs it.
 *
 * <p>Invariants, checked by {@link Builder#build()}: every stream has exactly one producer and at most one
 * consumer (fan-out goes through an explicit {@link BroadcastOp}, as in Comal); an unconsumed stream is
 * discarded.
 */
public final class SamGraph {
    private final String name;
    private final List<SamOp> ops;
    private final Map<Integer, Stream> streams;
    private final List<OutputSpec> outputs;
    private final Map<Integer, Integer> producer = new TreeMap<>();
    private final Map<Integer, Integer> consumer = new TreeMap<>();

    private SamGraph(String name, List<SamOp> ops, Map<Integer, Stream> streams, List<OutputSpec> outputs) {
        this.name = name;
        this.ops = List.copyOf(ops);
        this.streams = Collections.unmodifiableMap(new LinkedHashMap<>(streams));
        this.outputs = List.copyOf(outputs);
        List<String> problems = new ArrayList<>();
        for (int index = 0; index < this.ops.size(); index++) {
            SamOp op = this.ops.get(index);
            for (int s = 0; s < op.inputs().size(); s++) {
                int stream = op.inputs().get(s);
                if (!streams.containsKey(stream)) {
                    problems.add(op.label() + " port " + op.inputPorts().get(s) + " reads unknown stream " + stream);
                } else if (consumer.putIfAbsent(stream, index) != null) {
                    problems.add("stream " + streams.get(stream).name() + " has two consumers ("
                            + this.ops.get(consumer.get(stream)).label() + " and " + op.label() + "); insert a broadcast");
                }
            }
            for (int s = 0; s < op.outputs().size(); s++) {
                int stream = op.outputs().get(s);
                if (!streams.containsKey(stream)) {
                    problems.add(op.label() + " port " + op.outputPorts().get(s) + " writes unknown stream " + stream);
                } else if (producer.putIfAbsent(stream, index) != null) {
                    problems.add("stream " + streams.get(stream).name() + " has two producers");
                }
            }
        }
        for (int stream : consumer.keySet()) {
            if (!producer.containsKey(stream)) {
                problems.add("stream " + streams.get(stream).name() + " is read by "
                        + this.ops.get(consumer.get(stream)).label() + " but nothing produces it");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid SAM graph '" + name + "': " + String.join("; ", problems));
        }
    }

    public String name() {
        return name;
    }

    public List<SamOp> ops() {
        return ops;
    }

    public Map<Integer, Stream> streams() {
        return streams;
    }

    public Stream stream(int id) {
        return streams.get(id);
    }

    public List<OutputSpec> outputs() {
        return outputs;
    }

    /** Index in {@link #ops()} of the op producing the stream. */
    public int producerOf(int stream) {
        return producer.get(stream);
    }

    /** Index in {@link #ops()} of the op consuming the stream, or -1 when it is discarded. */
    public int consumerOf(int stream) {
        return consumer.getOrDefault(stream, -1);
    }

    /** The ops as a JGraphT graph over op indices, one edge per stream. */
    public Graph<Integer, DefaultEdge> asGraph() {
        Graph<Integer, DefaultEdge> graph = new DirectedPseudograph<>(DefaultEdge.class);
        for (int i = 0; i < ops.size(); i++) {
            graph.addVertex(i);
        }
        for (var entry : consumer.entrySet()) {
            graph.addEdge(producer.get(entry.getKey()), entry.getValue());
        }
        return graph;
    }

    /** Op indices in a deterministic topological order (ties broken by op index). */
    public List<Integer> topologicalOrder() {
        List<Integer> order = new ArrayList<>();
        new TopologicalOrderIterator<>(asGraph(), Integer::compare).forEachRemaining(order::add);
        return order;
    }

    /** Op counts per kind, sorted by kind. */
    public Map<String, Integer> opCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        for (SamOp op : ops) {
            counts.merge(op.kind(), 1, Integer::sum);
        }
        return counts;
    }

    /** Builds a graph op by op; stream ids are allocated here. */
    public static final class Builder {
        private final String name;
        private final List<SamOp> ops = new ArrayList<>();
        private final Map<Integer, Stream> streams = new LinkedHashMap<>();
        private final List<OutputSpec> outputs = new ArrayList<>();

        public Builder(String name) {
            this.name = name;
        }

        public int stream(StreamKind kind, String streamName) {
            int id = streams.size() + 1;
            streams.put(id, new Stream(id, kind, streamName));
            return id;
        }

        public Stream streamInfo(int id) {
            return streams.get(id);
        }

        public <T extends SamOp> T add(T op) {
            ops.add(op);
            return op;
        }

        public List<SamOp> ops() {
            return ops;
        }

        /** Replaces the op at {@code index} (used by passes such as broadcast insertion). */
        public void replace(int index, SamOp op) {
            ops.set(index, op);
        }

        /**
         * Removes the op at {@code index}; later ops shift down by one. Its output streams stay allocated
         * (ids never change) and become discarded unless something still reads them (used by cleanup passes).
         */
        public void remove(int index) {
            ops.remove(index);
        }

        public Builder output(OutputSpec spec) {
            outputs.add(spec);
            return this;
        }

        public SamGraph build() {
            return new SamGraph(name, ops, streams, outputs);
        }
    }
}
