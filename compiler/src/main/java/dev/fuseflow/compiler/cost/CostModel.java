package dev.fuseflow.compiler.cost;

import dev.fuseflow.compiler.fusion.FusedGroup;
import dev.fuseflow.compiler.ir.Access;
import dev.fuseflow.compiler.ir.Apply;
import dev.fuseflow.compiler.ir.Assignment;
import dev.fuseflow.compiler.ir.Difference;
import dev.fuseflow.compiler.ir.Expr;
import dev.fuseflow.compiler.ir.IndexVar;
import dev.fuseflow.compiler.ir.Product;
import dev.fuseflow.compiler.ir.Program;
import dev.fuseflow.compiler.ir.Quotient;
import dev.fuseflow.compiler.ir.Reduction;
import dev.fuseflow.compiler.ir.Sum;
import dev.fuseflow.compiler.ir.TensorDecl;
import dev.fuseflow.compiler.schedule.DataflowOrder;
import dev.fuseflow.simulator.tensor.FiberTensor;
import dev.fuseflow.simulator.tensor.LevelFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Estimates a fused group's cost under a dataflow order from the density of each tensor's storage levels,
 * assuming stored entries are independent (the usual sparse-compiler approximation).
 *
 * <p>A node of the inlined expression is evaluated at every point of the variables in scope (the group's
 * output variables, the variables of enclosing reductions and its own) that the order places at or above its
 * deepest variable, thinned by how likely its own operands and the factors it is multiplied with are stored
 * there: products intersect ({@code p·q}), sums unite ({@code 1−(1−p)(1−q)}), a quotient keeps its
 * numerator's pattern, a reduction over a variable not yet iterated is non-empty where any of its terms is.
 * A variable in scope that the order places above a producer's own variables makes the producer run again
 * for each of its coordinates: the recomputation of fully fused chains comes out of the same rule.
 *
 * <p>Intermediates materialised by earlier groups get their statistics from their producer's estimate
 * ({@link #record}), so a schedule is estimated group by group without data for anything but the inputs.
 */
public final class CostModel {
    /** Density assumed for a tensor with a compressed level when no data is given. */
    public static final double ASSUMED_DENSITY = 0.1;

    private final Program program;
    private final Map<String, TensorStats> stats = new HashMap<>();

    private CostModel(Program program) {
        this.program = program;
    }

    /** Statistics measured on the inputs; any input not given is assumed ({@link #ASSUMED_DENSITY}). */
    public static CostModel measured(Program program, Map<String, FiberTensor> inputs) {
        CostModel model = new CostModel(program);
        for (String name : program.inputs()) {
            FiberTensor data = inputs.get(name);
            model.stats.put(name, data != null ? TensorStats.of(data)
                    : TensorStats.assumed(program.tensor(name), ASSUMED_DENSITY));
        }
        return model;
    }

    /** Statistics assumed from the declared formats alone. */
    public static CostModel assumed(Program program) {
        return measured(program, Map.of());
    }

    /** The order with the fewest estimated cycles, then memory accesses; the first valid order on a tie. */
    public DataflowOrder cheapest(FusedGroup group, List<DataflowOrder> valid) {
        DataflowOrder best = null;
        double bestCycles = 0;
        double bestAccesses = 0;
        for (DataflowOrder order : valid) {
            CostEstimate estimate = estimate(group, order); // once per order: the walk is not free
            double cycles = rounded(estimate.cycles());
            double accesses = rounded(estimate.memoryAccesses());
            if (best == null || cycles < bestCycles || cycles == bestCycles && accesses < bestAccesses) {
                best = order;
                bestCycles = cycles;
                bestAccesses = accesses;
            }
        }
        if (best == null) {
            throw new java.util.NoSuchElementException("no valid order to choose from");
        }
        return best;
    }

    /** Estimates agree to a relative 1e-9 are ties, so the choice does not hang on rounding noise. */
    private static double rounded(double value) {
        return value == 0 ? 0 : Math.round(value / Math.pow(10, Math.floor(Math.log10(value)) - 9));
    }

    /** The group's estimated cost under {@code order}; call {@link #record} before estimating later groups. */
    public CostEstimate estimate(FusedGroup group, DataflowOrder order) {
        CostEstimate total = CostEstimate.ZERO;
        for (Assignment root : group.roots()) {
            total = total.plus(new RootEstimate(root, order).run());
        }
        return total;
    }

    /**
     * A whole schedule's estimate with each group in its cheapest valid order; groups without a valid order
     * make the schedule infeasible (empty). Records every group's outputs on the way.
     */
    public java.util.Optional<CostEstimate> estimateSchedule(dev.fuseflow.compiler.schedule.Schedule schedule,
            int orderLimit) {
        CostEstimate total = CostEstimate.ZERO;
        boolean feasible = true;
        for (List<Integer> members : schedule.groups()) {
            FusedGroup group = FusedGroup.of(program, members);
            List<DataflowOrder> valid = dev.fuseflow.compiler.fusion.Lowering.validOrders(program, group, orderLimit);
            if (valid.isEmpty()) {
                feasible = false;
            } else {
                total = total.plus(estimate(group, cheapest(group, valid)));
            }
            record(group);
        }
        return feasible ? java.util.Optional.of(total) : java.util.Optional.empty();
    }

    /**
     * The estimate of a compiled program under the orders its groups were given (parallel lanes, value
     * modes and memory models are not modelled). Records every group's outputs on the way.
     */
    public CostEstimate estimateCompiled(dev.fuseflow.compiler.CompiledProgram compiled) {
        CostEstimate total = CostEstimate.ZERO;
        for (dev.fuseflow.compiler.CompiledGroup compiledGroup : compiled.groups()) {
            FusedGroup group = FusedGroup.of(program, compiledGroup.assignments());
            total = total.plus(estimate(group, compiledGroup.order()));
            record(group);
        }
        return total;
    }

    /** Records the statistics of the tensors the group materialises, for the groups that read them. */
    public void record(FusedGroup group) {
        for (Assignment root : group.roots()) {
            stats.put(root.target().tensor(), outputStats(root));
        }
    }

    /** Statistics of a tensor read so far (inputs and recorded group outputs). */
    public TensorStats stats(String tensor) {
        TensorStats known = stats.get(tensor);
        return known != null ? known : TensorStats.assumed(program.tensor(tensor), ASSUMED_DENSITY);
    }

    private TensorStats outputStats(Assignment root) {
        TensorDecl decl = program.tensor(root.target().tensor());
        Map<IndexVar, Integer> dims = dimensions(root);
        double[] density = new double[decl.rank()];
        Set<IndexVar> prefix = new LinkedHashSet<>();
        for (int l = 0; l < decl.rank(); l++) {
            prefix.add(root.target().indices().get(decl.modeOrder().get(l)));
            if (decl.formats().get(l) == LevelFormat.DENSE) {
                density[l] = l == 0 ? 1 : density[l - 1];
            } else {
                density[l] = presence(root.value(), prefix, dims);
            }
        }
        return new TensorStats(density);
    }

    private Map<IndexVar, Integer> dimensions(Assignment root) {
        Map<IndexVar, Integer> dims = new HashMap<>();
        List<Access> accesses = new ArrayList<>(root.value().accesses());
        accesses.add(root.target());
        for (Access access : accesses) {
            TensorDecl decl = program.tensor(access.tensor());
            for (int m = 0; m < access.indices().size(); m++) {
                dims.putIfAbsent(access.indices().get(m), decl.shape().get(m));
            }
        }
        return dims;
    }

    /** The probability that {@code expr} is stored at a point of the variables {@code vars}. */
    private double presence(Expr expr, Set<IndexVar> vars, Map<IndexVar, Integer> dims) {
        if (expr instanceof Access access) {
            TensorDecl decl = program.tensor(access.tensor());
            int levels = 0;
            while (levels < decl.rank() && vars.contains(access.indices().get(decl.modeOrder().get(levels)))) {
                levels++;
            }
            return stats(access.tensor()).prefix(levels);
        }
        if (expr instanceof Product p) {
            return presence(p.left(), vars, dims) * presence(p.right(), vars, dims);
        }
        if (expr instanceof Sum s) {
            return union(presence(s.left(), vars, dims), presence(s.right(), vars, dims));
        }
        if (expr instanceof Difference d) {
            return union(presence(d.left(), vars, dims), presence(d.right(), vars, dims));
        }
        if (expr instanceof Quotient q) {
            return presence(q.left(), vars, dims);
        }
        if (expr instanceof Apply a) {
            return presence(a.arg(), vars, dims);
        }
        Reduction r = (Reduction) expr;
        if (vars.contains(r.var())) {
            return presence(r.body(), vars, dims);
        }
        double outer = presence(r.body(), vars, dims);
        if (outer == 0) {
            return 0;
        }
        Set<IndexVar> with = new LinkedHashSet<>(vars);
        with.add(r.var());
        double perCoordinate = Math.min(1, presence(r.body(), with, dims) / outer);
        return outer * (1 - Math.pow(1 - perCoordinate, dims.get(r.var())));
    }

    private static double union(double p, double q) {
        return 1 - (1 - p) * (1 - q);
    }

    /** The variables reduced inside the expression (its own, when it is a reduction). */
    private static Set<IndexVar> bound(Expr expr) {
        Set<IndexVar> vars = new LinkedHashSet<>();
        if (expr instanceof Reduction r) {
            vars.add(r.var());
        }
        for (Expr child : expr.children()) {
            vars.addAll(bound(child));
        }
        return vars;
    }

    private static Set<IndexVar> allVars(Expr expr) {
        Set<IndexVar> vars = new LinkedHashSet<>(expr.freeVars());
        if (expr instanceof Reduction r) {
            vars.add(r.var());
        }
        for (Expr child : expr.children()) {
            vars.addAll(allVars(child));
        }
        return vars;
    }

    /** One root's walk: counts per node and per scanned level, and the longest stream. */
    private final class RootEstimate {
        private final Assignment root;
        private final DataflowOrder order;
        private final Map<IndexVar, Integer> dims;
        private double ops;
        private double reduces;
        private double accesses;
        private double longest;

        RootEstimate(Assignment root, DataflowOrder order) {
            this.root = root;
            this.order = order;
            this.dims = dimensions(root);
        }

        CostEstimate run() {
            Set<IndexVar> scope = new LinkedHashSet<>(root.target().indices());
            walk(root.value(), scope, List.of());
            writes();
            return new CostEstimate(ops, reduces, accesses, longest);
        }

        private void walk(Expr expr, Set<IndexVar> scope, List<Expr> filters) {
            double count = count(expr, scope, filters, results(expr, scope));
            if (expr instanceof Access access) {
                reads(access, scope, filters);
                return;
            }
            stream(count);
            if (expr instanceof Product p) {
                ops += count;
                walk(p.left(), scope, with(filters, p.right()));
                walk(p.right(), scope, with(filters, p.left()));
            } else if (expr instanceof Quotient q) {
                ops += count;
                walk(q.left(), scope, filters);
                walk(q.right(), scope, with(filters, q.left()));
            } else if (expr instanceof Reduction r) {
                Set<IndexVar> inner = new LinkedHashSet<>(scope);
                inner.add(r.var());
                reduces += count(r.body(), inner, filters, results(r.body(), inner));
                walk(r.body(), inner, filters);
            } else {
                ops += count;
                for (Expr child : expr.children()) {
                    walk(child, scope, filters);
                }
            }
        }

        /**
         * The points where the expression yields a result: the iterated variables less those reduced inside
         * it (a reduction emits one result per point of the variables around it).
         */
        private Set<IndexVar> results(Expr expr, Set<IndexVar> scope) {
            Set<IndexVar> vars = iterated(expr, scope);
            vars.removeAll(bound(expr));
            return vars;
        }

        /** The variables in scope iterated at or above the expression's deepest variable. */
        private Set<IndexVar> iterated(Expr expr, Set<IndexVar> scope) {
            Set<IndexVar> own = allVars(expr);
            int deepest = -1;
            for (IndexVar var : own) {
                deepest = Math.max(deepest, order.position(var));
            }
            Set<IndexVar> result = new LinkedHashSet<>();
            for (IndexVar var : order.vars()) {
                if (order.position(var) <= deepest && (scope.contains(var) || own.contains(var))) {
                    result.add(var);
                }
            }
            return result;
        }

        private double count(Expr expr, Set<IndexVar> scope, List<Expr> filters, Set<IndexVar> vars) {
            double count = space(vars) * presence(expr, vars, dims);
            for (Expr filter : filters) {
                count *= presence(filter, vars, dims);
            }
            return count;
        }

        /** Scanner traffic of one operand: each compressed level reads its segments and coordinates, then values. */
        private void reads(Access access, Set<IndexVar> scope, List<Expr> filters) {
            TensorDecl decl = program.tensor(access.tensor());
            Set<IndexVar> all = iterated(access, scope);
            for (int l = 0; l < decl.rank(); l++) {
                IndexVar var = access.indices().get(decl.modeOrder().get(l));
                Set<IndexVar> upTo = new LinkedHashSet<>();
                Set<IndexVar> parent = new LinkedHashSet<>();
                for (IndexVar v : all) {
                    if (order.position(v) <= order.position(var)) {
                        upTo.add(v);
                        if (!v.equals(var)) {
                            parent.add(v);
                        }
                    }
                }
                double fibers = space(parent) * presence(access, parent, dims) * filtered(filters, parent);
                double scanned = fibers * dims.get(var) * conditional(access, upTo, parent);
                if (decl.formats().get(l) == LevelFormat.COMPRESSED) {
                    accesses += fibers + scanned;
                }
                stream(scanned);
            }
            accesses += count(access, scope, filters, all);
        }

        /** The probability that a coordinate of the level is stored, given its fiber's parent is. */
        private double conditional(Access access, Set<IndexVar> upTo, Set<IndexVar> parent) {
            double above = presence(access, parent, dims);
            return above == 0 ? 0 : Math.min(1, presence(access, upTo, dims) / above);
        }

        private double filtered(List<Expr> filters, Set<IndexVar> vars) {
            double p = 1;
            for (Expr filter : filters) {
                p *= presence(filter, vars, dims);
            }
            return p;
        }

        /** Writer traffic: the stored coordinates of compressed levels and every stored value. */
        private void writes() {
            TensorDecl decl = program.tensor(root.target().tensor());
            TensorStats out = outputStats(root);
            double space = 1;
            for (int l = 0; l < decl.rank(); l++) {
                space *= decl.shape().get(decl.modeOrder().get(l));
                double stored = out.prefix(l + 1) * space;
                if (decl.formats().get(l) == LevelFormat.COMPRESSED) {
                    accesses += stored;
                }
                if (l == decl.rank() - 1) {
                    accesses += stored;
                    stream(stored);
                }
            }
        }

        private void stream(double tokens) {
            longest = Math.max(longest, tokens);
        }

        private double space(Set<IndexVar> vars) {
            double space = 1;
            for (IndexVar var : vars) {
                space *= dims.get(var);
            }
            return space;
        }

        private List<Expr> with(List<Expr> filters, Expr extra) {
            List<Expr> more = new ArrayList<>(filters);
            more.add(extra);
            return more;
        }
    }
}
