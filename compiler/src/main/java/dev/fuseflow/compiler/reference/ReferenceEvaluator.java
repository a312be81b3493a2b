package dev.fuseflow.compiler.reference;

import dev.fuseflow.compiler.ir.Access;
import dev.fuseflow.compiler.ir.Apply;
import dev.fuseflow.compiler.ir.Assignment;
import dev.fuseflow.compiler.ir.Difference;
import dev.fuseflow.compiler.ir.Expr;
import dev.fuseflow.compiler.ir.IndexVar;
import dev.fuseflow.compiler.ir.Product;
import dev.fuseflow.compiler.ir.Program;
import dev.fuseflow.compiler.ir.Quotient;
import dev.fuseflow.compiler.ir.ReduceFunction;
import dev.fuseflow.compiler.ir.Reduction;
import dev.fuseflow.compiler.ir.Sum;
import dev.fuseflow.compiler.ir.TensorDecl;
import dev.fuseflow.diagnostics.UserError;
import dev.fuseflow.simulator.tensor.FiberTensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The oracle: evaluates a Program on the CPU in double precision under the structural semantics of
 * ARCHITECTURE.md §3.0, on the stored entries of each tensor (a flat position, a value and an error scale
 * per entry; coordinates that store nothing cost nothing). It shares no code with the lowering and
 * evaluates each assignment on its own (never fused), in program order.
 *
 * <ul>
 * <li>products are stored where every factor is stored; sums and differences where either is (a missing
 * operand is 0); quotients where the numerator is, and every numerator entry needs a stored denominator;
 * <li>unary functions apply to stored entries only;
 * <li>reductions run over stored entries; a fiber with none reduces to no entry;
 * <li>operands lacking a variable broadcast over it.
 * </ul>
 *
 * <p>A product, with or without a reduction over it, is evaluated as a join driven by the stored entries of
 * its sparsest factor, each further factor visiting only its entries that agree with the coordinates bound
 * so far ({@link ProjectionIndex}), so SpMM costs nnz(A) × J and a masked product nnz(mask). Every entry also
 * carries the error scale {@code S} (the sum of absolute values of the terms that produced it, propagated to
 * first order through products, quotients and functions) that {@link Verification} turns into a tolerance.
 */
public final class ReferenceEvaluator {
    private final BooleanSupplier cancelled;

    public ReferenceEvaluator(BooleanSupplier cancelled) {
        this.cancelled = cancelled;
    }

    public ReferenceEvaluator() {
        this(() -> false);
    }

    /** Bytes a stored entry takes at most while evaluating: key, value and scale, and its share of an index. */
    static final int BYTES_PER_ENTRY = 48;

    /**
     * The bytes the evaluation holds at least: every input's stored entries ({@code inputEntries} gives their
     * count by name), and every assigned tensor at the stored count of the largest input when it has a
     * compressed level, else densely (a vector or a dense tensor is as large as its box). A lower bound used
     * to skip evaluations that cannot fit; the real size depends on the values.
     */
    public static long estimatedBytes(Program program, java.util.function.ToLongFunction<String> inputEntries) {
        long bytes = 0;
        long largest = 1;
        for (String name : program.inputs()) {
            long stored = Math.min(boxOf(program.tensor(name)), inputEntries.applyAsLong(name));
            largest = Math.max(largest, stored);
            bytes = Math.addExact(bytes, Math.multiplyExact(stored, BYTES_PER_ENTRY));
        }
        for (Assignment assignment : program.assignments()) {
            TensorDecl decl = program.tensor(assignment.target().tensor());
            long entries = decl.formats().contains(dev.fuseflow.simulator.tensor.LevelFormat.COMPRESSED)
                    ? Math.min(boxOf(decl), largest) : boxOf(decl);
            bytes = Math.addExact(bytes, Math.multiplyExact(entries, BYTES_PER_ENTRY));
        }
        return bytes;
    }

    private static long boxOf(TensorDecl decl) {
        long entries = 1;
        for (int size : decl.shape()) {
            entries = Math.multiplyExact(entries, size);
        }
        return entries;
    }

    public Map<String, ReferenceTensor> evaluate(Program program, Map<String, FiberTensor> inputs) {
        return evaluate(program, inputs, java.util.Set.of());
    }

    /**
     * As {@link #evaluate(Program, Map)}, where the tensors named in {@code materialised} are stored in
     * their declared formats before later assignments read them: a dense level stores every coordinate
     * below a stored parent (explicit zeros), as a fusion group's writers store its outputs.
     */
    public Map<String, ReferenceTensor> evaluate(Program program, Map<String, FiberTensor> inputs,
            java.util.Set<String> materialised) {
        Map<String, ReferenceTensor> known = new HashMap<>();
        for (String name : program.inputs()) {
            FiberTensor t = inputs.get(name);
            if (t == null) {
                throw UserError.of("input tensor '" + name + "' was not supplied", List.copyOf(inputs.keySet()));
            }
            known.put(name, ReferenceTensor.of(t));
        }
        Map<String, ReferenceTensor> results = new LinkedHashMap<>();
        for (Assignment assignment : program.assignments()) {
            ReferenceTensor result = new AssignmentEvaluation(program, assignment, known).run();
            if (materialised.contains(result.name())) {
                result = StoredFormat.apply(result, program.tensor(result.name()));
            }
            known.put(result.name(), result);
            results.put(result.name(), result);
        }
        return results;
    }

    /** The evaluation of one assignment: variable sizes, then the expression bottom-up. */
    private final class AssignmentEvaluation {
        private final Program program;
        private final Assignment assignment;
        private final Map<String, ReferenceTensor> known;
        private final Map<IndexVar, Integer> sizes = new HashMap<>();
        private long visited;

        AssignmentEvaluation(Program program, Assignment assignment, Map<String, ReferenceTensor> known) {
            this.program = program;
            this.assignment = assignment;
            this.known = known;
            Map<IndexVar, String> firstUse = new HashMap<>();
            List<Access> accesses = new ArrayList<>(assignment.operands());
            accesses.add(0, assignment.target());
            for (Access access : accesses) {
                TensorDecl decl = program.tensor(access.tensor());
                for (int mode = 0; mode < access.indices().size(); mode++) {
                    IndexVar var = access.indices().get(mode);
                    int size = decl.shape().get(mode);
                    Integer previous = sizes.putIfAbsent(var, size);
                    String use = access.tensor() + " mode " + mode + " (size " + size + ")";
                    if (previous != null && previous != size) {
                        throw UserError.of("in " + assignment + ", variable " + var + " indexes " + firstUse.get(var)
                                + " and " + use + "; their sizes must agree");
                    }
                    firstUse.putIfAbsent(var, use);
                }
            }
        }

        ReferenceTensor run() {
            SparseTerm value = eval(assignment.normalized());
            List<IndexVar> target = assignment.target().indices();
            for (IndexVar var : value.vars) {
                if (!target.contains(var)) {
                    throw new IllegalStateException(var + " survived normalisation of " + assignment);
                }
            }
            TermBuilder out = new TermBuilder(target, sizes);
            long[] to = out.strides(target);
            expand(value, target, (coords, e) -> out.append(dot(coords, to), value.values[e], value.magnitude[e]));
            SparseTerm built = out.build();
            long[] keys = java.util.Arrays.copyOf(built.keys, built.count);
            double[] values = java.util.Arrays.copyOf(built.values, built.count);
            double[] magnitude = java.util.Arrays.copyOf(built.magnitude, built.count);
            ReferenceTensor.sortByKey(keys, values, magnitude);
            int[] shape = program.tensor(assignment.target().tensor()).shapeArray();
            return new ReferenceTensor(assignment.target().tensor(), shape, keys, values, magnitude);
        }

        private SparseTerm eval(Expr expr) {
            checkCancelled();
            if (expr instanceof Access access) {
                return access(access);
            }
            if (expr instanceof Reduction reduction) {
                List<Expr> factors = new ArrayList<>();
                flatten(reduction.body(), factors);
                if (factors.size() > 1) {
                    List<SparseTerm> terms = new ArrayList<>();
                    for (Expr factor : factors) {
                        terms.add(eval(factor));
                    }
                    return product(terms, List.copyOf(reduction.body().freeVars()), List.copyOf(reduction.freeVars()),
                            reduction.function() == ReduceFunction.MAX);
                }
                return reduce(reduction, eval(reduction.body()));
            }
            if (expr instanceof Apply apply) {
                SparseTerm arg = eval(apply.arg());
                double[] values = new double[arg.count];
                double[] magnitude = new double[arg.count];
                for (int e = 0; e < arg.count; e++) {
                    double x = arg.values[e];
                    double y = apply.function().apply(x, apply.scalar());
                    values[e] = y;
                    magnitude[e] = apply.function().slope(x, apply.scalar()) * arg.magnitude[e] + Math.abs(y);
                }
                return new SparseTerm(arg.vars, arg.dims, arg.keys, values, magnitude, arg.count, arg.sorted);
            }
            if (expr instanceof Product product) {
                List<IndexVar> vars = List.copyOf(expr.freeVars());
                return product(List.of(eval(product.left()), eval(product.right())), vars, vars, false);
            }
            SparseTerm left = eval(expr.children().get(0));
            SparseTerm right = eval(expr.children().get(1));
            if (expr instanceof Quotient) {
                return quotient(left, right, expr);
            }
            return additive(left, right, expr instanceof Difference ? -1 : 1, expr);
        }

        private void flatten(Expr expr, List<Expr> out) {
            if (expr instanceof Product product) {
                flatten(product.left(), out);
                flatten(product.right(), out);
            } else {
                out.add(expr);
            }
        }

        private SparseTerm access(Access access) {
            ReferenceTensor tensor = known.get(access.tensor());
            if (tensor == null) {
                throw UserError.of("tensor '" + access.tensor() + "' is read before any value was given or assigned");
            }
            List<IndexVar> vars = new ArrayList<>(access.indices());
            if (vars.stream().distinct().count() != vars.size()) {
                throw UserError.of("access " + access + " repeats a variable (diagonals are not supported)");
            }
            List<IndexVar> storage = new ArrayList<>();
            int denseLevels = 0;
            TensorDecl decl = program.tensor(access.tensor());
            for (int level = 0; level < decl.rank(); level++) {
                storage.add(vars.get(decl.modeOrder().get(level)));
                if (denseLevels == level && decl.formats().get(level) == dev.fuseflow.simulator.tensor.LevelFormat.DENSE) {
                    denseLevels++;
                }
            }
            return new SparseTerm(vars, tensor.shape(), tensor.keys(), tensor.values(), tensor.magnitude(),
                    tensor.keys().length, true, storage, denseLevels);
        }

        /**
         * The product of factors over the variables {@code all}, summed (or maximised) onto {@code outVars}:
         * stored where every factor is, driven by the sparsest factor's entries.
         */
        private SparseTerm product(List<SparseTerm> unordered, List<IndexVar> all, List<IndexVar> outVars,
                boolean max) {
            List<SparseTerm> factors = new ArrayList<>(unordered);
            factors.sort((a, b) -> Integer.compare(a.count, b.count));
            if (factors.size() == 2) {
                return pairProduct(factors.get(0), factors.get(1), all, outVars, max);
            }
            TermBuilder out = new TermBuilder(outVars, sizes);
            long[] outStrides = out.strides(all);
            int n = factors.size();
            double[] xs = new double[n];
            forEachMatch(factors, all, (coords, at) -> {
                double value = 1;
                for (int g = 0; g < n; g++) {
                    xs[g] = factors.get(g).values[at[g]];
                    value *= xs[g];
                }
                double scale = 0;
                for (int g = 0; g < n; g++) {
                    double others = 1;
                    for (int h = 0; h < n; h++) {
                        others *= h == g ? 1 : Math.abs(xs[h]);
                    }
                    scale += factors.get(g).magnitude[at[g]] * others;
                }
                out.accumulate(dot(coords, outStrides), value, scale, max);
            });
            return out.build();
        }

        /**
         * The product of two factors (the common case, and the hot loop of the reference): for each entry of
         * the sparser one, a run over the other's entries that agree with it, laid out contiguously with their
         * share of the output position precomputed.
         */
        private SparseTerm pairProduct(SparseTerm driver, SparseTerm other, List<IndexVar> all,
                List<IndexVar> outVars, boolean max) {
            TermBuilder out = new TermBuilder(outVars, sizes);
            long[] outStrides = out.strides(all);
            boolean[] bound = new boolean[all.size()];
            Join first = new Join(driver, all, bound);
            Join second = new Join(other, all, bound);
            int[] driverPositions = first.newPositions;
            int[] coords = new int[all.size()];
            // the other factor's entries in group order, with their part of the output position
            int n = second.newPositions.length == 0 ? 0 : other.count;
            double[] values = new double[n];
            double[] magnitude = new double[n];
            long[] outPart = new long[n];
            for (int p = 0; p < n; p++) {
                int e = second.index == null ? p : second.index.entry(p);
                values[p] = other.values[e];
                magnitude[p] = other.magnitude[e];
                long part = 0;
                for (int k = 0; k < second.newPositions.length; k++) {
                    part += other.coordinate(e, second.newVarIndex[k]) * outStrides[second.newPositions[k]];
                }
                outPart[p] = part;
            }
            long[] subsetStrides = second.index == null ? null : second.index.subsetStrides();
            for (int e = 0; e < driver.count; e++) {
                tick();
                long driverPart = 0;
                for (int k = 0; k < driverPositions.length; k++) {
                    int c = driver.coordinate(e, first.newVarIndex[k]);
                    coords[driverPositions[k]] = c;
                    driverPart += c * outStrides[driverPositions[k]];
                }
                double x = driver.values[e];
                double mx = driver.magnitude[e];
                double ax = Math.abs(x);
                if (second.newPositions.length == 0) {
                    int at = other.find(dot(coords, second.lookup));
                    if (at >= 0) {
                        double y = other.values[at];
                        out.accumulate(driverPart, x * y, mx * Math.abs(y) + other.magnitude[at] * ax, max);
                    }
                    continue;
                }
                int from = 0;
                int to = n;
                if (subsetStrides != null) {
                    long group = 0;
                    for (int s = 0; s < second.boundPositions.length; s++) {
                        group += coords[second.boundPositions[s]] * subsetStrides[s];
                    }
                    from = second.index.from(group);
                    to = second.index.to(group, from);
                }
                for (int p = from; p < to; p++) {
                    double y = values[p];
                    out.accumulate(driverPart + outPart[p], x * y, mx * Math.abs(y) + magnitude[p] * ax, max);
                }
            }
            return out.build();
        }

        /**
         * A sum or difference: stored where either operand is. When one operand lacks variables of the other,
         * the fuller operand alone supplies the coordinates of the variables the other lacks (the lesser one
         * is broadcast along its iteration, not over the whole space): an entry of the lesser operand counts
         * where the fuller one's fiber path through its deepest extra variable exists, in its storage order.
         */
        private SparseTerm additive(SparseTerm left, SparseTerm right, int sign, Expr expr) {
            List<IndexVar> outVars = List.copyOf(expr.freeVars());
            TermBuilder out = new TermBuilder(outVars, sizes);
            long[] own = out.strides(outVars);
            long[] ls = left.strides(outVars);
            long[] rs = right.strides(outVars);
            SparseTerm fuller = null;
            if (left.vars.containsAll(right.vars) && left.vars.size() > right.vars.size()) {
                fuller = left;
            } else if (right.vars.containsAll(left.vars) && right.vars.size() > left.vars.size()) {
                fuller = right;
            }
            SparseTerm presence = fuller == null ? null : presence(fuller, fuller == left ? right : left);
            long[] ps = presence == null ? null : presence.strides(outVars);
            final SparseTerm full = fuller;
            CoordinateVisitor emit = coords -> {
                long key = dot(coords, own);
                if (out.contains(key)) {
                    return;
                }
                int l = left.find(dot(coords, ls));
                int r = right.find(dot(coords, rs));
                if (full != null && presence.find(dot(coords, ps)) < 0) {
                    if (full == left) {
                        r = -1;
                    } else {
                        l = -1;
                    }
                }
                if (l >= 0 || r >= 0) {
                    out.append(key, (l >= 0 ? left.values[l] : 0) + sign * (r >= 0 ? right.values[r] : 0),
                            (l >= 0 ? left.magnitude[l] : 0) + (r >= 0 ? right.magnitude[r] : 0));
                }
            };
            if (fuller == null) {
                expand(left, outVars, (coords, e) -> emit.visit(coords));
                expand(right, outVars, (coords, e) -> emit.visit(coords));
            } else {
                SparseTerm lesser = fuller == left ? right : left;
                expand(fuller, outVars, (coords, e) -> emit.visit(coords));
                forEachMatch(List.of(lesser, presence), outVars, (coords, at) -> emit.visit(coords));
            }
            return out.build();
        }

        /**
         * The fiber paths of {@code fuller}'s storage levels down to the deepest one whose variable
         * {@code lesser} lacks, as a term over those levels' variables: every path when those levels are
         * dense, else the paths some stored entry lies below.
         */
        private SparseTerm presence(SparseTerm fuller, SparseTerm lesser) {
            int depth = 0;
            for (int level = 0; level < fuller.storage.size(); level++) {
                if (!lesser.vars.contains(fuller.storage.get(level))) {
                    depth = level;
                }
            }
            List<IndexVar> prefix = fuller.storage.subList(0, depth + 1);
            TermBuilder paths = new TermBuilder(prefix, sizes);
            if (depth < fuller.denseLevels) {
                for (long key = 0; key < paths.box(); key++) {
                    paths.append(key, 1, 0);
                }
                return paths.build();
            }
            long[] to = paths.strides(fuller.vars);
            int[] coords = new int[fuller.vars.size()];
            for (int e = 0; e < fuller.count; e++) {
                for (int k = 0; k < coords.length; k++) {
                    coords[k] = fuller.coordinate(e, k);
                }
                long key = dot(coords, to);
                if (!paths.contains(key)) {
                    paths.append(key, 1, 0);
                }
            }
            return paths.build();
        }

        private SparseTerm quotient(SparseTerm left, SparseTerm right, Expr expr) {
            List<IndexVar> outVars = List.copyOf(expr.freeVars());
            TermBuilder out = new TermBuilder(outVars, sizes);
            long[] own = out.strides(outVars);
            long[] rs = right.strides(outVars);
            expand(left, outVars, (coords, l) -> {
                int r = right.find(dot(coords, rs));
                if (r < 0) {
                    throw UserError.of("in " + assignment + ", the numerator of " + expr
                            + " has an entry where the denominator stores none; a quotient needs a denominator "
                            + "entry for every numerator entry");
                }
                double a = left.values[l];
                double b = right.values[r];
                out.append(dot(coords, own), a / b, left.magnitude[l] / Math.abs(b)
                        + Math.abs(a) * right.magnitude[r] / (b * b) + Math.abs(a / b));
            });
            return out.build();
        }

        /** A reduction over an already evaluated body. */
        private SparseTerm reduce(Reduction reduction, SparseTerm body) {
            TermBuilder out = new TermBuilder(List.copyOf(reduction.freeVars()), sizes);
            long[] to = out.strides(body.vars);
            boolean max = reduction.function() == ReduceFunction.MAX;
            int[] coords = new int[body.vars.size()];
            for (int e = 0; e < body.count; e++) {
                tick();
                for (int k = 0; k < coords.length; k++) {
                    coords[k] = body.coordinate(e, k);
                }
                out.accumulate(dot(coords, to), body.values[e], body.magnitude[e], max);
            }
            return out.build();
        }

        /**
         * Visits every combination of one stored entry per factor that agrees on shared variables, with its
         * coordinates over {@code all} and the entry of each factor; the first factor drives.
         */
        private void forEachMatch(List<SparseTerm> factors, List<IndexVar> all, MatchVisitor visitor) {
            int n = factors.size();
            boolean[] bound = new boolean[all.size()];
            Join[] joins = new Join[n];
            for (int f = 0; f < n; f++) {
                joins[f] = new Join(factors.get(f), all, bound);
            }
            int[] coords = new int[all.size()];
            int[] at = new int[n];
            match(0, joins, coords, at, visitor);
        }

        private void match(int f, Join[] joins, int[] coords, int[] at, MatchVisitor visitor) {
            if (f == joins.length) {
                visitor.visit(coords, at);
                return;
            }
            Join join = joins[f];
            SparseTerm term = join.term;
            if (join.newPositions.length == 0) {
                int e = term.find(dot(coords, join.lookup));
                if (e >= 0) {
                    at[f] = e;
                    match(f + 1, joins, coords, at, visitor);
                }
                return;
            }
            int from = 0;
            int to = term.count;
            long group = 0;
            if (join.index != null) {
                long[] subsetStrides = join.index.subsetStrides();
                for (int s = 0; s < join.boundPositions.length; s++) {
                    group += coords[join.boundPositions[s]] * subsetStrides[s];
                }
                from = join.index.from(group);
                to = join.index.to(group, from);
            }
            for (int p = from; p < to; p++) {
                if (f == 0) {
                    tick();
                }
                int e = join.index == null ? p : join.index.entry(p);
                for (int k = 0; k < join.newPositions.length; k++) {
                    coords[join.newPositions[k]] = term.coordinate(e, join.newVarIndex[k]);
                }
                at[f] = e;
                match(f + 1, joins, coords, at, visitor);
            }
        }

        /** Visits every entry of a term broadcast over the variables of {@code over} it lacks (full range). */
        private void expand(SparseTerm term, List<IndexVar> over, MatchVisitor.Single visitor) {
            int[] own = new int[term.vars.size()];
            for (int k = 0; k < own.length; k++) {
                own[k] = over.indexOf(term.vars.get(k));
            }
            int[] missing = java.util.stream.IntStream.range(0, over.size())
                    .filter(p -> !term.vars.contains(over.get(p))).toArray();
            int[] coords = new int[over.size()];
            for (int e = 0; e < term.count; e++) {
                tick();
                for (int k = 0; k < own.length; k++) {
                    coords[own[k]] = term.coordinate(e, k);
                }
                broadcast(0, missing, over, coords, e, visitor);
            }
        }

        private void broadcast(int k, int[] missing, List<IndexVar> over, int[] coords, int e,
                MatchVisitor.Single visitor) {
            if (k == missing.length) {
                visitor.visit(coords, e);
                return;
            }
            int size = sizes.get(over.get(missing[k]));
            for (int c = 0; c < size; c++) {
                coords[missing[k]] = c;
                broadcast(k + 1, missing, over, coords, e, visitor);
            }
        }

        private void tick() {
            if ((++visited & 0xFFF) == 0) {
                checkCancelled();
            }
        }

        private void checkCancelled() {
            if (cancelled.getAsBoolean()) {
                throw new java.util.concurrent.CancellationException("reference evaluation cancelled");
            }
        }
    }

    /** One factor's part in a join: which variables it binds and how its matching entries are found. */
    private static final class Join {
        final SparseTerm term;
        /** Positions (in the join's variables) this factor binds, and their index in the factor's variables. */
        final int[] newPositions;
        final int[] newVarIndex;
        /** Positions already bound by earlier factors, in the order of {@link #index}'s subset. */
        final int[] boundPositions;
        /** Flat-position weights over the join's variables, for a factor that binds nothing new. */
        final long[] lookup;
        final ProjectionIndex index;

        Join(SparseTerm term, List<IndexVar> all, boolean[] bound) {
            this.term = term;
            List<Integer> fresh = new ArrayList<>();
            List<Integer> freshIndex = new ArrayList<>();
            List<Integer> known = new ArrayList<>();
            List<Integer> knownIndex = new ArrayList<>();
            for (int k = 0; k < term.vars.size(); k++) {
                int p = all.indexOf(term.vars.get(k));
                if (bound[p]) {
                    known.add(p);
                    knownIndex.add(k);
                } else {
                    fresh.add(p);
                    freshIndex.add(k);
                }
            }
            for (int p : fresh) {
                bound[p] = true;
            }
            newPositions = fresh.stream().mapToInt(Integer::intValue).toArray();
            newVarIndex = freshIndex.stream().mapToInt(Integer::intValue).toArray();
            boundPositions = known.stream().mapToInt(Integer::intValue).toArray();
            lookup = term.strides(all);
            index = newPositions.length == 0 || boundPositions.length == 0 ? null
                    : new ProjectionIndex(term, knownIndex.stream().mapToInt(Integer::intValue).toArray());
        }
    }

    private interface MatchVisitor {
        void visit(int[] coords, int[] at);

        /** An entry of one term at coordinates. */
        interface Single {
            void visit(int[] coords, int entry);
        }
    }

    private interface CoordinateVisitor {
        void visit(int[] coords);
    }

    private static long dot(int[] coords, long[] strides) {
        long sum = 0;
        for (int k = 0; k < coords.length; k++) {
            sum += coords[k] * strides[k];
        }
        return sum;
    }
}
