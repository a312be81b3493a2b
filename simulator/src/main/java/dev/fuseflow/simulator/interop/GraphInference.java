package dev.fuseflow.simulator.interop;

import dev.fuseflow.diagnostics.UserError;
import dev.fuseflow.simulator.graph.ArrayOp;
import dev.fuseflow.simulator.graph.BroadcastOp;
import dev.fuseflow.simulator.graph.FiberLookupOp;
import dev.fuseflow.simulator.graph.ForkOp;
import dev.fuseflow.simulator.graph.IntersectOp;
import dev.fuseflow.simulator.graph.JoinOp;
import dev.fuseflow.simulator.graph.LocateOp;
import dev.fuseflow.simulator.graph.RepeatOp;
import dev.fuseflow.simulator.graph.RootOp;
import dev.fuseflow.simulator.graph.SamGraph;
import dev.fuseflow.simulator.graph.SamOp;
import dev.fuseflow.simulator.graph.Stream;
import dev.fuseflow.simulator.graph.UnionOp;
import dev.fuseflow.simulator.tensor.LevelFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Recovers what a Comal graph leaves implicit from the graph itself: the storage level each scan reads, the
 * dense tensor behind each locate (following its reference forward to a scan or value load), and from both
 * the {@link TensorRequirement} of every input tensor.
 *
 * <p>The compiler names each tensor view with its mode order ({@code t3-0,1}, {@code t1-1,0}); where a name
 * has that form, a scan's level is the position of its mode in it and the rank is its length. Otherwise the
 * level is found by walking the scan's references back through repeats, joiners, broadcasts and locates to
 * a root. A locate makes a position of the one level of its tensor that no scan reads.
 */
final class GraphInference {
    private final SamGraph graph;
    private final Map<Integer, Integer> levelOfScan = new HashMap<>();

    GraphInference(SamGraph graph) {
        this.graph = graph;
    }

    /** The graph with every scan's level and every locate's tensor filled in. */
    SamGraph resolve() {
        SamGraph.Builder builder = new SamGraph.Builder(graph.name());
        for (Stream stream : graph.streams().values()) {
            builder.stream(stream.kind(), stream.name());
        }
        for (int index = 0; index < graph.ops().size(); index++) {
            SamOp op = graph.ops().get(index);
            if (op instanceof FiberLookupOp scan && scan.level() < 0) {
                op = new FiberLookupOp(scan.tensor(), level(index), scan.mode(), scan.format(), scan.indexVar(),
                        scan.inRef(), scan.outCrd(), scan.outRef());
            } else if (op instanceof LocateOp locate && locate.denseTensor().isEmpty()) {
                op = new LocateOp(locate.indexVar(), downstreamTensor(locate.outDenseRef()), locate.inRef(),
                        locate.inCrd(), locate.outDenseRef(), locate.outSparseRef(), locate.outCrd());
            }
            builder.add(op);
        }
        graph.outputs().forEach(builder::output);
        return builder.build();
    }

    /** What the graph reads of each input tensor, in order of first use. */
    List<TensorRequirement> requirements() {
        Map<String, TreeMap<Integer, TensorRequirement.LevelUse>> levels = new LinkedHashMap<>();
        Map<String, String> located = new LinkedHashMap<>();
        for (int index = 0; index < graph.ops().size(); index++) {
            SamOp op = graph.ops().get(index);
            if (op instanceof FiberLookupOp scan) {
                levels.computeIfAbsent(scan.tensor(), t -> new TreeMap<>()).putIfAbsent(level(index),
                        new TensorRequirement.LevelUse(scan.mode(), scan.format(), scan.indexVar()));
            } else if (op instanceof LocateOp locate) {
                String tensor = downstreamTensor(locate.outDenseRef());
                if (!tensor.isEmpty()) {
                    located.putIfAbsent(tensor, locate.indexVar());
                }
            } else if (op instanceof ArrayOp array) {
                levels.computeIfAbsent(array.tensor(), t -> new TreeMap<>());
            }
        }
        for (var entry : located.entrySet()) {
            // A locate turns a coordinate into a position of a random-access (dense) level: the first one of
            // its tensor that no scan reads.
            TreeMap<Integer, TensorRequirement.LevelUse> known = levels.computeIfAbsent(entry.getKey(),
                    t -> new TreeMap<>());
            int[] order = ViewName.modeOrder(entry.getKey());
            int level = 0;
            while (known.containsKey(level)) {
                level++;
            }
            if (order != null && level >= order.length) {
                continue;
            }
            int mode = order != null ? order[level] : -1;
            known.put(level, new TensorRequirement.LevelUse(mode, LevelFormat.DENSE, entry.getValue()));
        }
        List<TensorRequirement> requirements = new ArrayList<>();
        for (var entry : levels.entrySet()) {
            TreeMap<Integer, TensorRequirement.LevelUse> known = entry.getValue();
            int[] order = ViewName.modeOrder(entry.getKey());
            int rank = Math.max(known.isEmpty() ? 0 : known.lastKey() + 1, order == null ? 0 : order.length);
            TreeSet<Integer> freeModes = new TreeSet<>();
            for (int m = 0; m < rank; m++) {
                freeModes.add(m);
            }
            known.values().forEach(l -> freeModes.remove(l.mode()));
            List<TensorRequirement.LevelUse> uses = new ArrayList<>();
            for (int level = 0; level < rank; level++) {
                TensorRequirement.LevelUse use = known.get(level);
                if (use == null || use.mode() < 0) {
                    // A level no scan names: the view name's mode, else the lowest mode not otherwise used.
                    int mode = order != null && level < order.length ? order[level]
                            : freeModes.isEmpty() ? level : freeModes.pollFirst();
                    freeModes.remove(mode);
                    use = new TensorRequirement.LevelUse(mode, LevelFormat.DENSE, use == null ? "" : use.indexVar());
                }
                uses.add(use);
            }
            requirements.add(new TensorRequirement(entry.getKey(), uses));
        }
        return requirements;
    }

    /** The storage level the scan at {@code index} reads. */
    private int level(int index) {
        Integer known = levelOfScan.get(index);
        if (known != null) {
            return known;
        }
        FiberLookupOp scan = (FiberLookupOp) graph.ops().get(index);
        int[] order = ViewName.modeOrder(scan.tensor());
        int level = -1;
        for (int k = 0; order != null && k < order.length; k++) {
            if (order[k] == scan.mode()) {
                level = k;
            }
        }
        if (level < 0) {
            level = levelBelow(scan.inRef(), scan);
        }
        levelOfScan.put(index, level);
        return level;
    }

    /** The level a scan fed by reference stream {@code ref} reads, found by walking back to a root. */
    private int levelBelow(int ref, FiberLookupOp reader) {
        SamOp producer = graph.ops().get(graph.producerOf(ref));
        if (producer instanceof RootOp) {
            return 0;
        } else if (producer instanceof FiberLookupOp) {
            return level(graph.producerOf(ref)) + 1;
        } else if (producer instanceof RepeatOp repeat) {
            return levelBelow(repeat.inRef(), reader);
        } else if (producer instanceof IntersectOp join) {
            return levelBelow(join.inRefs().get(join.outRefs().indexOf(ref)), reader);
        } else if (producer instanceof UnionOp join) {
            return levelBelow(join.inRefs().get(join.outRefs().indexOf(ref)), reader);
        } else if (producer instanceof LocateOp locate) {
            return ref == locate.outDenseRef() ? 1 : levelBelow(locate.inRef(), reader);
        } else if (producer instanceof BroadcastOp broadcast) {
            return levelBelow(broadcast.in(), reader);
        } else if (producer instanceof ForkOp fork) {
            return levelBelow(fork.in(), reader);
        } else if (producer instanceof JoinOp join) {
            return levelBelow(join.ins().get(0), reader);
        }
        throw UserError.of(graph.name() + ": the scan of tensor " + reader.tensor() + " at " + reader.indexVar()
                + " reads references made by " + producer.label() + ", so its storage level cannot be told.");
    }

    /** The tensor whose scan or value load a reference stream ends up feeding, or "" when none does. */
    private String downstreamTensor(int ref) {
        int consumer = graph.consumerOf(ref);
        if (consumer < 0) {
            return "";
        }
        SamOp op = graph.ops().get(consumer);
        if (op instanceof FiberLookupOp scan) {
            return scan.tensor();
        } else if (op instanceof ArrayOp array) {
            return array.tensor();
        } else if (op instanceof BroadcastOp broadcast) {
            return downstreamTensor(broadcast.outs().get(0));
        } else if (op instanceof ForkOp fork) {
            return downstreamTensor(fork.outs().get(0));
        } else if (op instanceof RepeatOp repeat && repeat.inRef() == ref) {
            return downstreamTensor(repeat.outRef());
        } else if (op instanceof IntersectOp join && join.inRefs().contains(ref)) {
            return downstreamTensor(join.outRefs().get(join.inRefs().indexOf(ref)));
        } else if (op instanceof UnionOp join && join.inRefs().contains(ref)) {
            return downstreamTensor(join.outRefs().get(join.inRefs().indexOf(ref)));
        }
        return "";
    }
}
