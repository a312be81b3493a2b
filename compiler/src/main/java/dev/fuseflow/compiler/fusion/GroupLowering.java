package dev.fuseflow.compiler.fusion;

import dev.fuseflow.compiler.ir.Access;
import dev.fuseflow.compiler.ir.Apply;
import dev.fuseflow.compiler.ir.Assignment;
import dev.fuseflow.compiler.ir.Difference;
import dev.fuseflow.compiler.ir.Expr;
import dev.fuseflow.compiler.ir.IndexVar;
import dev.fuseflow.compiler.ir.Product;
import dev.fuseflow.compiler.passes.SparsityBlocking;
import dev.fuseflow.compiler.ir.Program;
import dev.fuseflow.compiler.ir.Quotient;
import dev.fuseflow.compiler.ir.ReduceFunction;
import dev.fuseflow.compiler.ir.Reduction;
import dev.fuseflow.compiler.ir.Sum;
import dev.fuseflow.compiler.ir.TensorDecl;
import dev.fuseflow.compiler.ir.UnaryFunction;
import dev.fuseflow.compiler.schedule.DataflowOrder;
import dev.fuseflow.simulator.graph.ArrayOp;
import dev.fuseflow.simulator.graph.BinaryAluOp;
import dev.fuseflow.simulator.graph.BinaryOp;
import dev.fuseflow.simulator.graph.CrdDropOp;
import dev.fuseflow.simulator.graph.DrivenReduceOp;
import dev.fuseflow.simulator.graph.FiberDropOp;
import dev.fuseflow.simulator.graph.FiberLookupOp;
import dev.fuseflow.simulator.graph.FiberWriteOp;
import dev.fuseflow.simulator.graph.ForkOp;
import dev.fuseflow.simulator.graph.OrderedJoinOp;
import dev.fuseflow.simulator.graph.IntersectOp;
import dev.fuseflow.simulator.graph.LocateOp;
import dev.fuseflow.simulator.graph.OutputSpec;
import dev.fuseflow.simulator.graph.ReduceKind;
import dev.fuseflow.simulator.graph.ReduceOp;
import dev.fuseflow.simulator.graph.RepeatOp;
import dev.fuseflow.simulator.graph.RootOp;
import dev.fuseflow.simulator.graph.SamGraph;
import dev.fuseflow.simulator.graph.SpaccOp;
import dev.fuseflow.simulator.graph.StreamKind;
import dev.fuseflow.simulator.graph.UnaryAluOp;
import dev.fuseflow.simulator.graph.UnaryOp;
import dev.fuseflow.simulator.graph.UnionOp;
import dev.fuseflow.simulator.graph.ValueWriteOp;
import dev.fuseflow.simulator.tensor.LevelFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Lowers a fused group under one dataflow order into a SAM graph. This is the fusion table of
 * fuseflow-compiler.md §1.10 organised around <em>loop instances</em>: the iteration of one variable
 * inside one nest. Every cell (a scan, a join, a repeat, a value, an accumulator) is built lazily the
 * first time something asks for it and memoised under a key made of what it computes and the loop
 * instances it runs in, so a sub-computation reached twice in the same context is built once and fanned
 * out (broadcasts are inserted afterwards).
 *
 * <p>Factored iteration: the root of each output iterates the output's variables. A reduction
 * {@code R = sum_r(body)} runs in a nest made of the enclosing variables ordered before its innermost
 * free variable {@code L}, plus its own {@code r}: when {@code r} comes after {@code L} it is
 * <em>opened</em> (the body joins the enclosing iteration at its free variables and a Reduce folds the
 * innermost {@code r} fibers); when {@code r} comes before {@code L} it is <em>closed</em> (a Spacc1
 * accumulates {@code L}-fibers over {@code r}, and its accumulated values join the enclosing iteration
 * at {@code L} as references, §1.10.4). A producer is therefore nested only under the variables its
 * consumer iterates before the producer's own innermost variable; where the consumer iterates variables
 * the producer does not use, the producer is recomputed for each of their coordinates, which is the
 * recomputation full fusion pays (paper Fig 14). Legality of an order is decided by {@link GroupLegality}.
 */
final class GroupLowering {
    private final Program program;
    private final DataflowOrder order;
    private final SamGraph.Builder graph;
    private final Map<IndexVar, Integer> parallel;
    /** Values are tiles: element-wise products need ELEMMUL, since MUL multiplies tiles as matrices. */
    private final boolean tiles;
    private final Map<String, Object> memo = new HashMap<>();
    private int instanceCount;

    /** @param parallel lanes per output variable whose region below is parallelized (absent: one lane) */
    GroupLowering(Program program, DataflowOrder order, Map<IndexVar, Integer> parallel, SamGraph.Builder graph,
            boolean tiles) {
        this.tiles = tiles;
        this.program = program;
        this.order = order;
        this.parallel = Map.copyOf(parallel);
        this.graph = graph;
    }

    /**
     * One iteration of {@code var} nested in {@code parent}: its coordinate stream and joined payloads. A
     * lane of a parallel region ({@code split != null}) takes its coordinate and payload streams from the
     * split's forks, made the first time a lane asks for them.
     */
    record Instance(int id, IndexVar var, Instance parent, int ownCrd, Map<String, Integer> payloads,
            LaneSplit split, int lane, JoinNode tree) {
        Instance find(IndexVar wanted) {
            for (Instance at = this; at != null; at = at.parent) {
                if (at.var.equals(wanted)) {
                    return at;
                }
            }
            return null;
        }

        int crd() {
            return split == null ? ownCrd : split.lane(LaneSplit.COORDINATES, lane);
        }

        Integer payload(String key) {
            return split == null ? payloads.get(key) : split.lane(key, lane);
        }
    }

    /**
     * The forks of one parallelized iteration: each of its streams (coordinates and payloads) dealt over
     * the lanes round-robin, so lane p sees the same coordinates in every stream it asks for.
     */
    final class LaneSplit {
        static final String COORDINATES = "#crd";
        private final Instance source;
        private final int lanes;
        private final Map<String, List<Integer>> forked = new HashMap<>();

        LaneSplit(Instance source, int lanes) {
            this.source = source;
            this.lanes = lanes;
        }

        int lane(String key, int lane) {
            return forked.computeIfAbsent(key, k -> {
                Integer in = k.equals(COORDINATES) ? Integer.valueOf(source.crd()) : source.payload(k);
                if (in == null) {
                    throw new IllegalStateException(k + " is not joined at " + source.var());
                }
                List<Integer> outs = new ArrayList<>();
                for (int p = 0; p < lanes; p++) {
                    outs.add(graph.stream(kindOf(in), graph.streamInfo(in).name() + "/lane" + p));
                }
                graph.add(new ForkOp(in, outs));
                return outs;
            }).get(lane);
        }
    }

    /** Emits the iteration, value and writers of one output. */
    void lowerRoot(Assignment root) {
        Expr expr = root.value();
        List<IndexVar> nest = sorted(new ArrayList<>(root.target().indices()));
        List<Integer> streams = lowerNest(expr, nest, 0, null);
        String target = root.target().tensor();
        List<Integer> modeOrder = new ArrayList<>();
        for (int level = 0; level < nest.size(); level++) {
            IndexVar var = nest.get(level);
            modeOrder.add(root.target().indices().indexOf(var));
            graph.add(new FiberWriteOp(target, level, var.name(), streams.get(level)));
        }
        graph.add(new ValueWriteOp(target, streams.get(nest.size())));
        graph.output(new OutputSpec(target, program.tensor(target).shape(), modeOrder));
    }

    /**
     * The coordinate streams of {@code nest[from..]} and then the value stream, iterated inside
     * {@code parent}. A variable with lanes splits here: everything below it is built once per lane, and
     * each lane's streams are merged back in coordinate order by an ordered join steered by the
     * variable's own coordinates.
     */
    private List<Integer> lowerNest(Expr expr, List<IndexVar> nest, int from, Instance parent) {
        if (from == nest.size()) {
            return List.of(value(expr, parent));
        }
        IndexVar var = nest.get(from);
        Instance joined = join(expr, var, parent);
        int lanes = parallel.getOrDefault(var, 1);
        // a lane split of the kept rows would need the drop per lane; parallel runs keep the gap (DEVIATIONS.md)
        Reduction rows = lanes <= 1 && from + 1 < nest.size() ? rowsDefinedBy(expr, var, nest.get(from + 1)) : null;
        Instance instance = rows == null ? joined : keptRows(rows, joined, nest.get(from + 1));
        List<Integer> streams = new ArrayList<>();
        streams.add(instance.crd());
        if (lanes <= 1) {
            streams.addAll(lowerNest(expr, nest, from + 1, instance));
            return streams;
        }
        List<Instance> laneInstances = cell("lanes|" + instance.id(), () -> {
            LaneSplit split = new LaneSplit(instance, lanes);
            List<Instance> list = new ArrayList<>();
            for (int p = 0; p < lanes; p++) {
                list.add(new Instance(instanceCount++, var, parent, -1, Map.of(), split, p, instance.tree()));
            }
            return list;
        });
        List<List<Integer>> perLane = new ArrayList<>();
        for (Instance lane : laneInstances) {
            perLane.add(lowerNest(expr, nest, from + 1, lane));
        }
        int below = perLane.get(0).size();
        for (int m = 0; m < below; m++) {
            List<Integer> ins = new ArrayList<>();
            for (List<Integer> lane : perLane) {
                ins.add(lane.get(m));
            }
            // crd streams of the m-th variable below end an element with S(m); the value stream, one
            // level deeper than the innermost variable, with S(m-1) (a single token when var is innermost)
            int depth = m < below - 1 ? m : m - 1;
            streams.add(cell("ordered-join|" + ins, () -> {
                int out = graph.stream(kindOf(ins.get(0)), graph.streamInfo(ins.get(0)).name().replace("/lane0", ""));
                graph.add(new OrderedJoinOp(instance.crd(), ins, depth, out));
                return out;
            }));
        }
        return streams;
    }

    /**
     * The reduction whose result alone decides which coordinates of {@code var} exist, when its rows may come out
     * empty and a broadcast operand would otherwise be repeated into them; null when there is none. That is a
     * sum {@code R(..var, next) + b(next)} with R closed at {@code next} (its accumulated fibers join there), every
     * other operand of the sum lacking {@code var}, and nothing but R's own operands iterating {@code var}.
     * §3.0 then stores a row of the sum only where R's row holds an entry (the broadcast operand follows the
     * fuller one's rows), as the unfused program, which materialises R, does.
     */
    private Reduction rowsDefinedBy(Expr expr, IndexVar var, IndexVar next) {
        if (!(GroupLegality.participants(program, expr, next, order) instanceof JoinNode.Union union)) {
            return null;
        }
        Reduction rows = null;
        boolean broadcast = false;
        for (JoinNode child : union.children()) {
            if (child instanceof JoinNode.Closed closed && closed.reduction().freeVars().contains(var)
                    && next.equals(GroupLegality.innermostFree(closed.reduction(), order))) {
                if (rows != null && !rows.equals(closed.reduction())) {
                    return null;
                }
                rows = closed.reduction();
            } else if (lacks(child, var)) {
                broadcast = true;
            } else {
                return null;
            }
        }
        if (rows == null || !broadcast) {
            return null;
        }
        JoinNode atVar = GroupLegality.participants(program, expr, var, order);
        JoinNode ownAtVar = GroupLegality.participants(program, rows, var, order);
        return atVar != null && ownAtVar != null && atVar.key().equals(ownAtVar.key()) ? rows : null;
    }

    private static boolean lacks(JoinNode node, IndexVar var) {
        if (node instanceof JoinNode.Leaf leaf) {
            return !leaf.access().indices().contains(var);
        }
        if (node instanceof JoinNode.Closed closed) {
            return !closed.reduction().freeVars().contains(var);
        }
        List<JoinNode> children = node instanceof JoinNode.Union u ? u.children()
                : ((JoinNode.Intersection) node).children();
        return children.stream().allMatch(c -> lacks(c, var));
    }

    /**
     * The iteration {@code rows} over only the coordinates where {@code reduction}'s fiber at {@code next} holds an
     * entry: the reduction is accumulated under the full iteration, then a fiber drop removes the empty rows from
     * the coordinates and from the accumulated (crd, value) streams, which become the reduction's result under the
     * returned iteration. Everything nested in it (a broadcast operand's repeat, the writers) follows the kept rows.
     */
    private Instance keptRows(Reduction reduction, Instance rows, IndexVar next) {
        return cell("kept|" + reduction + "|" + rows.id(), () -> {
            int[] accumulated = closed(reduction, rows);
            int outer = graph.stream(StreamKind.CRD, rows.var() + ".kept.crd");
            int inner = graph.stream(StreamKind.CRD, next + ".kept.crd");
            int payload = graph.stream(kindOf(accumulated[1]), graph.streamInfo(accumulated[1]).name() + ".kept");
            graph.add(new FiberDropOp(rows.var().name(), next.name(), rows.crd(), accumulated[0], accumulated[1],
                    outer, inner, payload));
            Instance kept = new Instance(instanceCount++, rows.var(), rows.parent(), outer, Map.of(), null, 0, null);
            memo.put(closedKey(reduction, kept), new int[] {inner, payload});
            return kept;
        });
    }

    private List<IndexVar> sorted(List<IndexVar> vars) {
        vars.sort((a, b) -> Integer.compare(order.position(a), order.position(b)));
        return vars;
    }

    // ---------------------------------------------------------------- joins

    /** The iteration of {@code var} for region expression {@code expr}, nested in {@code parent}. */
    private Instance join(Expr expr, IndexVar var, Instance parent) {
        JoinNode tree = GroupLegality.participants(program, expr, var, order);
        if (tree == null) {
            throw new IllegalStateException("nothing iterates " + var + " in " + expr);
        }
        String key = "instance|" + (parent == null ? -1 : parent.id()) + "|" + var + "|" + tree.key();
        return cell(key, () -> {
            Joined joined = build(tree, var, parent);
            return new Instance(instanceCount++, var, parent, joined.crd, joined.payloads, null, 0, tree);
        });
    }

    /** A join's result: one coordinate stream and a payload (ref or value) per participant key. */
    private record Joined(int crd, Map<String, Integer> payloads) {
    }

    private Joined build(JoinNode node, IndexVar var, Instance parent) {
        if (node instanceof JoinNode.Leaf leaf) {
            int[] scan = scan(leaf.access(), var, parent);
            return new Joined(scan[0], Map.of(leaf.key(), scan[1]));
        }
        if (node instanceof JoinNode.Closed closed) {
            int[] acc = closed(closed.reduction(), parent);
            return new Joined(acc[0], Map.of(closed.key(), acc[1]));
        }
        boolean intersect = node instanceof JoinNode.Intersection;
        List<JoinNode> children = intersect ? ((JoinNode.Intersection) node).children()
                : ((JoinNode.Union) node).children();
        if (intersect && children.size() == 2) {
            Joined located = tryLocate(children.get(0), children.get(1), var, parent);
            if (located == null) {
                located = tryLocate(children.get(1), children.get(0), var, parent);
            }
            if (located != null) {
                return located;
            }
        }
        List<Integer> crds = new ArrayList<>();
        List<Integer> refs = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (JoinNode child : children) {
            Joined joined = build(child, var, parent);
            for (var payload : joined.payloads.entrySet()) {
                if (!keys.contains(payload.getKey())) {
                    keys.add(payload.getKey());
                    crds.add(joined.crd);
                    refs.add(payload.getValue());
                }
            }
        }
        if (keys.size() == 1) {
            return new Joined(crds.get(0), Map.of(keys.get(0), refs.get(0)));
        }
        int outCrd = graph.stream(StreamKind.CRD, var + ".crd");
        Map<String, Integer> payloads = new LinkedHashMap<>();
        List<Integer> outRefs = new ArrayList<>();
        for (int k = 0; k < keys.size(); k++) {
            int out = graph.stream(kindOf(refs.get(k)), keys.get(k) + "@" + var);
            outRefs.add(out);
            payloads.put(keys.get(k), out);
        }
        graph.add(intersect ? new IntersectOp(var.name(), crds, refs, outCrd, outRefs)
                : new UnionOp(var.name(), crds, refs, outCrd, outRefs));
        return new Joined(outCrd, payloads);
    }

    private StreamKind kindOf(int stream) {
        return graph.streamInfo(stream).kind();
    }

    /**
     * Iterate the compressed operand and locate into a dense one whose level at {@code var} is its top
     * level, so its position is the coordinate itself (InsertIterateLocate, §1.14).
     */
    private Joined tryLocate(JoinNode sparse, JoinNode dense, IndexVar var, Instance parent) {
        if (!(sparse instanceof JoinNode.Leaf s) || !(dense instanceof JoinNode.Leaf d)) {
            return null;
        }
        if (format(s.access(), var) != LevelFormat.COMPRESSED || format(d.access(), var) != LevelFormat.DENSE
                || depth(d.access(), var) != 0) {
            return null;
        }
        int[] scan = scan(s.access(), var, parent);
        String denseTensor = d.access().tensor();
        int denseRef = graph.stream(StreamKind.REF, d.key() + "@" + var);
        int sparseRef = graph.stream(StreamKind.REF, s.key() + ".located@" + var);
        int outCrd = graph.stream(StreamKind.CRD, var + ".crd");
        graph.add(new LocateOp(var.name(), denseTensor, scan[1], scan[0], denseRef, sparseRef, outCrd));
        Map<String, Integer> payloads = new LinkedHashMap<>();
        payloads.put(s.key(), sparseRef);
        payloads.put(d.key(), denseRef);
        return new Joined(outCrd, payloads);
    }

    /** The level scan of an access at {@code var}: {crd, ref}. */
    private int[] scan(Access access, IndexVar var, Instance parent) {
        return cell("scan|" + access + "|" + var + "|" + id(parent), () -> {
            TensorDecl decl = program.tensor(access.tensor());
            int depth = depth(access, var);
            int in = ref(access, parent);
            int crd = graph.stream(StreamKind.CRD, access.tensor() + "." + var + ".crd");
            int ref = graph.stream(StreamKind.REF, access.tensor() + "." + var + ".ref");
            graph.add(new FiberLookupOp(access.tensor(), depth, decl.modeOrder().get(depth), decl.formats().get(depth),
                    var.name(), in, crd, ref));
            return new int[] {crd, ref};
        });
    }

    // ---------------------------------------------------------------- references and values

    /** The reference of an access after the iteration {@code at} (its root before any). */
    private int ref(Access access, Instance at) {
        if (at == null) {
            return cell("root|" + access.tensor(), () -> {
                int out = graph.stream(StreamKind.REF, access.tensor() + ".root");
                graph.add(new RootOp(access.tensor(), out));
                return out;
            });
        }
        if (access.indices().contains(at.var())) {
            Integer joined = at.payload(access.toString());
            if (joined == null) {
                throw new IllegalStateException(access + " is not joined at " + at.var());
            }
            return joined;
        }
        return cell("ref|" + access + "|" + at.id(), () -> repeat(ref(access, at.parent()), at, StreamKind.REF,
                access.tensor() + ".ref@" + at.var()));
    }

    private int repeat(int in, Instance at, StreamKind kind, String name) {
        int out = graph.stream(kind, name);
        graph.add(new RepeatOp(name, at.var().name(), in, at.crd(), out));
        return out;
    }

    /** The value stream of {@code expr} evaluated in the nest ending at {@code last}. */
    private int value(Expr expr, Instance last) {
        return cell("value|" + expr + "|" + id(last), () -> {
            if (expr instanceof Access access) {
                int out = graph.stream(StreamKind.VAL, access.tensor() + ".val");
                graph.add(new ArrayOp(access.tensor(), ref(access, last), out));
                return out;
            }
            if (expr instanceof Reduction reduction) {
                return reductionValue(reduction, last);
            }
            if (expr instanceof Apply apply) {
                int in = value(apply.arg(), last);
                int out = graph.stream(StreamKind.VAL, apply.function().word());
                graph.add(new UnaryAluOp(unary(apply.function()), (float) scalar(apply), in, out));
                return out;
            }
            BinaryOp op = expr instanceof Product p ? (tiles && SparsityBlocking.elementwise(p) ? BinaryOp.ELEMMUL : BinaryOp.MUL)
                    : expr instanceof Sum ? BinaryOp.ADD
                    : expr instanceof Difference ? BinaryOp.SUB : BinaryOp.DIV;
            int left = value(expr.children().get(0), last);
            int right = value(expr.children().get(1), last);
            int out = graph.stream(StreamKind.VAL, op.name().toLowerCase(java.util.Locale.ROOT));
            graph.add(new BinaryAluOp(op, left, right, out));
            return out;
        });
    }

    /** A reduction's value, repeated over the variables of the nest after its innermost free variable. */
    private int reductionValue(Reduction reduction, Instance last) {
        IndexVar inner = GroupLegality.innermostFree(reduction, order);
        Instance at = inner == null ? null : last.find(inner);
        int value;
        if (GroupLegality.mode(program, reduction, order) != GroupLegality.Mode.OPENED) {
            Integer joined = at.payload(new JoinNode.Closed(reduction).key());
            if (joined == null) {
                throw new IllegalStateException(reduction + " is not joined at " + inner);
            }
            value = joined;
        } else {
            value = opened(reduction, at);
        }
        List<Instance> after = new ArrayList<>();
        for (Instance i = last; i != at; i = i.parent()) {
            after.add(0, i);
        }
        for (Instance i : after) {
            int in = value;
            value = cell("vrepeat|" + in + "|" + i.id(), () -> repeat(in, i, StreamKind.VAL, "value@" + i.var()));
        }
        return value;
    }

    /**
     * A reduction whose variable is innermost: its body joins the enclosing nest, a Reduce folds r. Where the
     * enclosing iteration visits coordinates at which the reduction's own operands are absent (it is one operand
     * of a union there), those r fibers are empty, and a Reduce could not tell them from the end of an empty
     * parent; the Reduce is then steered by the enclosing coordinates and gives {@code N} for them.
     */
    private int opened(Reduction reduction, Instance context) {
        return cell("opened|" + reduction + "|" + id(context), () -> {
            Instance inner = join(reduction.body(), reduction.var(), context);
            int body = value(reduction.body(), inner);
            int out = graph.stream(StreamKind.VAL, reduction.function().word() + "_" + reduction.var());
            ReduceKind kind = reduceKind(reduction);
            if (visitsMoreThan(context, reduction)) {
                graph.add(new DrivenReduceOp(kind, reduction.var().name(), context.var().name(), context.crd(), body,
                        out));
            } else {
                graph.add(new ReduceOp(kind, reduction.var().name(), body, out, true));
            }
            return out;
        });
    }

    /** True when {@code context} iterates coordinates that the reduction's own operands may lack. */
    private boolean visitsMoreThan(Instance context, Reduction reduction) {
        if (context == null || context.tree() == null) {
            return false;
        }
        JoinNode own = GroupLegality.participants(program, reduction, context.var(), order);
        JoinNode tree = context.tree();
        if (own == null || own.key().equals(tree.key())) {
            return false;
        }
        // an intersection with the reduction's own operands visits a subset of their coordinates
        return !(tree instanceof JoinNode.Intersection meet && meet.children().stream()
                .anyMatch(child -> child.key().equals(own.key())));
    }

    /**
     * A reduction with a nest of its own, as (crd, val) streams at its innermost free variable L: a Spacc1
     * of L fibers over r, or a Reduce of r fibers (skipping empty ones) with a coordinate drop of the L coordinates whose
     * r fiber was empty.
     */
    private int[] closed(Reduction reduction, Instance context) {
        return cell(closedKey(reduction, context), () -> {
            IndexVar inner = GroupLegality.innermostFree(reduction, order);
            if (GroupLegality.mode(program, reduction, order) == GroupLegality.Mode.DROPPED) {
                return dropped(reduction, inner, context);
            }
            Instance reduced = join(reduction.body(), reduction.var(), context);
            Instance innerLevel = join(reduction.body(), inner, reduced);
            int body = value(reduction.body(), innerLevel);
            int crd = graph.stream(StreamKind.CRD, inner + ".accumulated.crd");
            int val = graph.stream(StreamKind.VAL, "sum_" + reduction.var());
            graph.add(new SpaccOp(inner.name(), reduction.var().name(), reduced.crd(), innerLevel.crd(), body, crd,
                    val));
            return new int[] {crd, val};
        });
    }

    private int[] dropped(Reduction reduction, IndexVar inner, Instance context) {
        Instance innerLevel = join(reduction.body(), inner, context);
        Instance reduced = join(reduction.body(), reduction.var(), innerLevel);
        int body = value(reduction.body(), reduced);
        int val = graph.stream(StreamKind.VAL, reduction.function().word() + "_" + reduction.var());
        graph.add(new ReduceOp(reduceKind(reduction), reduction.var().name(), body, val, true));
        int crd = graph.stream(StreamKind.CRD, inner + ".nonempty.crd");
        graph.add(new CrdDropOp(inner.name(), reduction.var().name(), innerLevel.crd(), reduced.crd(), crd,
                graph.stream(StreamKind.CRD, "unused")));
        return new int[] {crd, val};
    }

    // ---------------------------------------------------------------- helpers

    /** The memo key of a reduction's accumulated (crd, value) streams in a context (see {@link #keptRows}). */
    private static String closedKey(Reduction reduction, Instance context) {
        return "closed|" + reduction + "|" + id(context);
    }

    private static ReduceKind reduceKind(Reduction reduction) {
        return reduction.function() == ReduceFunction.MAX ? ReduceKind.MAX : ReduceKind.ADD;
    }

    private static UnaryOp unary(UnaryFunction function) {
        return switch (function) {
            case RELU, MAX -> UnaryOp.MAX_SCALAR;
            case EXP -> UnaryOp.EXP;
            case RSQRT -> UnaryOp.RSQRT;
            case SIGMOID -> UnaryOp.SIGMOID;
            case SIN -> UnaryOp.SIN;
            case COS -> UnaryOp.COS;
            case SCALE -> UnaryOp.SCALAR_MUL;
            case OFFSET -> UnaryOp.SCALAR_ADD;
            case DIVIDE -> UnaryOp.SCALAR_DIV;
        };
    }

    private static double scalar(Apply apply) {
        return apply.function() == UnaryFunction.RELU ? 0 : apply.scalar();
    }

    private int depth(Access access, IndexVar var) {
        return GroupLegality.depth(program, access, var);
    }

    private LevelFormat format(Access access, IndexVar var) {
        return program.tensor(access.tensor()).formats().get(depth(access, var));
    }

    private static int id(Instance instance) {
        return instance == null ? -1 : instance.id();
    }

    @SuppressWarnings("unchecked")
    private <T> T cell(String key, Supplier<T> build) {
        Object existing = memo.get(key);
        if (existing != null) {
            return (T) existing;
        }
        T value = build.get();
        memo.put(key, value);
        return value;
    }
}
