package dev.fuseflow.compiler.fusion;

import dev.fuseflow.compiler.ir.Access;
import dev.fuseflow.compiler.ir.Assignment;
import dev.fuseflow.compiler.ir.IndexVar;
import dev.fuseflow.compiler.ir.Program;
import dev.fuseflow.compiler.ir.TensorDecl;
import dev.fuseflow.compiler.schedule.DataflowOrder;
import dev.fuseflow.simulator.graph.ArrayOp;
import dev.fuseflow.simulator.graph.BinaryAluOp;
import dev.fuseflow.simulator.graph.BinaryOp;
import dev.fuseflow.simulator.graph.FiberLookupOp;
import dev.fuseflow.simulator.graph.IntersectOp;
import dev.fuseflow.simulator.graph.LocateOp;
import dev.fuseflow.simulator.graph.RepeatOp;
import dev.fuseflow.simulator.graph.RootOp;
import dev.fuseflow.simulator.graph.SamGraph;
import dev.fuseflow.simulator.graph.StreamKind;
import dev.fuseflow.simulator.tensor.LevelFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The fusion table of one group (reference: fuseflow-compiler.md §1.10): rows are the index variables in
 * dataflow order plus a value row, columns are tensor views (one per operand access). Each cell is a
 * lazily built, memoised stream: asking for a cell emits the SAM ops that produce it, and only then, so
 * an operand that is located never gets a root or repeats it does not need.
 *
 * <p>Cells: {@link #ref(int, int)} (a view's reference stream after the variable at a position: a level
 * scan when the view indexes that variable, a Repeat across it otherwise, the view's Root above the first
 * variable), {@link #crd(int)} (the coordinate stream of a variable after its join) and
 * {@link #value(int)} (an Array load at the view's innermost reference).
 *
 * <p>Joins at a variable: one view scans alone; a compressed view with a dense view whose level at that
 * variable is its top level becomes a Locate (the coordinate is the dense position, §1.18); anything else
 * is an N-way Intersect, since every operand here is multiplicative.
 */
final class FusionTable {
    private final SamGraph.Builder graph;
    private final Program program;
    private final DataflowOrder order;
    private final List<Access> views;
    private final Map<String, Integer> cells = new HashMap<>();

    FusionTable(SamGraph.Builder graph, Program program, Assignment assignment, DataflowOrder order) {
        this.graph = graph;
        this.program = program;
        this.order = order;
        this.views = assignment.operands();
    }

    int viewCount() {
        return views.size();
    }

    Access view(int view) {
        return views.get(view);
    }

    /** The reference stream of a view after the variable at {@code position} ({@code -1}: its root). */
    int ref(int view, int position) {
        if (position < 0) {
            return cell("root:" + view, () -> {
                String tensor = views.get(view).tensor();
                int out = graph.stream(StreamKind.REF, tensor + ".root");
                graph.add(new RootOp(tensor, out));
                return out;
            });
        }
        IndexVar var = order.at(position);
        if (indexes(view, var)) {
            join(position);
            return cells.get("ref:" + view + ":" + position);
        }
        return cell("ref:" + view + ":" + position, () -> {
            String tensor = views.get(view).tensor();
            int out = graph.stream(StreamKind.REF, tensor + ".ref@" + var);
            graph.add(new RepeatOp(tensor, var.name(), ref(view, position - 1), crd(position), out));
            return out;
        });
    }

    /** The coordinate stream of the variable at {@code position}, after its join. */
    int crd(int position) {
        join(position);
        return cells.get("crd:" + position);
    }

    /** The value stream of a view: its values at its reference after the innermost variable. */
    int value(int view) {
        return cell("val:" + view, () -> {
            String tensor = views.get(view).tensor();
            int out = graph.stream(StreamKind.VAL, tensor + ".val");
            graph.add(new ArrayOp(tensor, ref(view, order.size() - 1), out));
            return out;
        });
    }

    /** The product of all views' values, multiplied left to right. */
    int product() {
        return cell("product", () -> {
            int acc = value(0);
            for (int view = 1; view < views.size(); view++) {
                int out = graph.stream(StreamKind.VAL, "product" + view);
                graph.add(new BinaryAluOp(BinaryOp.MUL, acc, value(view), out));
                acc = out;
            }
            return acc;
        });
    }

    /** The views that index the variable at {@code position}. */
    List<Integer> indexing(int position) {
        List<Integer> out = new ArrayList<>();
        for (int view = 0; view < views.size(); view++) {
            if (indexes(view, order.at(position))) {
                out.add(view);
            }
        }
        return out;
    }

    /** True when the join at {@code position} can end fibers early (two or more compressed views meet). */
    boolean mayEmptyFibers(int position) {
        int compressed = 0;
        for (int view : indexing(position)) {
            compressed += format(view, order.at(position)) == LevelFormat.COMPRESSED ? 1 : 0;
        }
        return compressed >= 2;
    }

    private boolean indexes(int view, IndexVar var) {
        return views.get(view).indices().contains(var);
    }

    private int depth(int view, IndexVar var) {
        int mode = views.get(view).indices().indexOf(var);
        return program.tensor(views.get(view).tensor()).modeOrder().indexOf(mode);
    }

    private LevelFormat format(int view, IndexVar var) {
        TensorDecl decl = program.tensor(views.get(view).tensor());
        return decl.formats().get(depth(view, var));
    }

    private void join(int position) {
        if (cells.containsKey("crd:" + position)) {
            return;
        }
        IndexVar var = order.at(position);
        List<Integer> joined = indexing(position);
        if (joined.size() == 2) {
            int a = joined.get(0);
            int b = joined.get(1);
            if (locatable(b, var) && format(a, var) == LevelFormat.COMPRESSED) {
                locate(position, a, b);
                return;
            }
            if (locatable(a, var) && format(b, var) == LevelFormat.COMPRESSED) {
                locate(position, b, a);
                return;
            }
        }
        List<Integer> crds = new ArrayList<>();
        List<Integer> refs = new ArrayList<>();
        for (int view : joined) {
            int[] scan = scan(view, position);
            crds.add(scan[0]);
            refs.add(scan[1]);
        }
        if (joined.size() == 1) {
            cells.put("crd:" + position, crds.get(0));
            cells.put("ref:" + joined.get(0) + ":" + position, refs.get(0));
            return;
        }
        int outCrd = graph.stream(StreamKind.CRD, var + ".crd");
        List<Integer> outRefs = new ArrayList<>();
        for (int view : joined) {
            int out = graph.stream(StreamKind.REF, views.get(view).tensor() + ".ref@" + var);
            outRefs.add(out);
            cells.put("ref:" + view + ":" + position, out);
        }
        graph.add(new IntersectOp(var.name(), crds, refs, outCrd, outRefs));
        cells.put("crd:" + position, outCrd);
    }

    private boolean locatable(int view, IndexVar var) {
        return format(view, var) == LevelFormat.DENSE && depth(view, var) == 0;
    }

    private void locate(int position, int sparse, int dense) {
        IndexVar var = order.at(position);
        int[] scan = scan(sparse, position);
        String denseTensor = views.get(dense).tensor();
        int denseRef = graph.stream(StreamKind.REF, denseTensor + ".ref@" + var);
        int sparseRef = graph.stream(StreamKind.REF, views.get(sparse).tensor() + ".located@" + var);
        int outCrd = graph.stream(StreamKind.CRD, var + ".crd");
        graph.add(new LocateOp(var.name(), denseTensor, scan[1], scan[0], denseRef, sparseRef, outCrd));
        cells.put("crd:" + position, outCrd);
        cells.put("ref:" + dense + ":" + position, denseRef);
        cells.put("ref:" + sparse + ":" + position, sparseRef);
    }

    /** Emits the level scan of a view at the variable at {@code position}: {crd, ref}. */
    private int[] scan(int view, int position) {
        IndexVar var = order.at(position);
        Access access = views.get(view);
        TensorDecl decl = program.tensor(access.tensor());
        int depth = depth(view, var);
        int parent = ref(view, position - 1);
        int crd = graph.stream(StreamKind.CRD, access.tensor() + "." + var + ".crd");
        int ref = graph.stream(StreamKind.REF, access.tensor() + "." + var + ".ref");
        graph.add(new FiberLookupOp(access.tensor(), depth, decl.modeOrder().get(depth), decl.formats().get(depth),
                var.name(), parent, crd, ref));
        return new int[] {crd, ref};
    }

    private int cell(String key, Supplier<Integer> build) {
        Integer existing = cells.get(key);
        if (existing != null) {
            return existing;
        }
        int stream = build.get();
        cells.put(key, stream);
        return stream;
    }
}
