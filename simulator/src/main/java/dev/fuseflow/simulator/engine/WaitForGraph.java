package dev.fuseflow.simulator.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who waits for whom when nothing can move: an unfinished primitive waits for the producer of each empty
 * input and for the consumer of each output without room. Under the {@code bounded} profile every stuck
 * run holds a cycle of such waits (each blocked primitive has at least one edge, and the graph is finite);
 * the report names that cycle port by port, then what every unfinished primitive waits for.
 */
final class WaitForGraph {
    private final List<Primitive> primitives;
    private final Map<Primitive, List<Edge>> edges = new HashMap<>();

    private record Edge(Primitive to, String why) {
    }

    WaitForGraph(List<Primitive> primitives) {
        this.primitives = primitives;
        for (Primitive primitive : primitives) {
            if (primitive.finished()) {
                continue;
            }
            List<Edge> out = new ArrayList<>();
            for (Channel in : primitive.inputs()) {
                if (in.isEmpty() && in.producer() != null && !in.producer().finished()) {
                    out.add(new Edge(in.producer(), "waits for input '" + in.name() + "' from " + in.producer()));
                }
            }
            for (Channel o : primitive.outputs()) {
                if (!o.hasRoom(2) && o.consumer() != null && !o.consumer().finished()) {
                    out.add(new Edge(o.consumer(), "waits for room on '" + o.name() + "' (FIFO depth " + o.softLimit()
                            + ", holding " + o.size() + ") drained by " + o.consumer()));
                }
            }
            edges.put(primitive, out);
        }
    }

    /** The cycle of waits, or an empty list when there is none. */
    List<String> cycle() {
        Map<Primitive, Integer> state = new HashMap<>();
        for (Primitive start : primitives) {
            if (edges.containsKey(start) && !state.containsKey(start)) {
                List<Primitive> path = new ArrayList<>();
                List<String> reasons = new ArrayList<>();
                List<String> found = search(start, state, path, reasons);
                if (found != null) {
                    return found;
                }
            }
        }
        return List.of();
    }

    private List<String> search(Primitive node, Map<Primitive, Integer> state, List<Primitive> path,
            List<String> reasons) {
        state.put(node, 1);
        path.add(node);
        for (Edge edge : edges.getOrDefault(node, List.of())) {
            Integer seen = state.get(edge.to());
            if (seen != null && seen == 1) {
                List<String> cycle = new ArrayList<>();
                int from = path.indexOf(edge.to());
                for (int i = from; i < path.size(); i++) {
                    String why = i + 1 < path.size() ? reasons.get(i) : edge.why();
                    cycle.add(path.get(i) + " " + why);
                }
                return cycle;
            }
            if (seen == null && edges.containsKey(edge.to())) {
                reasons.add(edge.why());
                List<String> found = search(edge.to(), state, path, reasons);
                if (found != null) {
                    return found;
                }
                reasons.remove(reasons.size() - 1);
            }
        }
        path.remove(path.size() - 1);
        state.put(node, 2);
        return null;
    }

    /** One message: the deadlock cycle, then every unfinished primitive's wait. */
    String deadlockReport() {
        List<String> cycle = cycle();
        List<String> waits = new ArrayList<>();
        for (Primitive primitive : primitives) {
            if (!primitive.finished()) {
                waits.add(primitive + " " + primitive.waitingOn() + " at cycle " + primitive.clock());
            }
        }
        String head = cycle.isEmpty() ? "the simulation stopped making progress with no cycle of waits"
                : "deadlock under bounded FIFOs: " + String.join("; ", cycle) + " (a cycle: raise --fifo or "
                        + "restructure the graph; e.g. a fan-out whose branches meet again needs a FIFO as deep as "
                        + "the longest fiber one branch buffers)";
        return head + ". Every unfinished primitive: " + String.join("; ", waits);
    }
}
