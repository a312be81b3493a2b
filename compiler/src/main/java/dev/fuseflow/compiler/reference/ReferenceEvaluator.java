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
 * ARCHITECTURE.md §3.0, with dense arrays plus explicit stored-entry masks. It shares no code with the
 * lowering and evaluates each assignment on its own (never fused), in program order.
 *
 * <ul>
 * <li>products are stored where every factor is stored; sums and differences where either is (a missing
 * operand is 0); quotients where the numerator is, and every numerator entry needs a stored denominator;
 * <li>unary functions apply to stored entries only;
 * <li>reductions run over stored entries; a fiber with none reduces to no entry;
 * <li>operands lacking a variable broadcast over it.
 * </ul>
 *
 * <p>A reduction over a product is evaluated as a join driven by the stored entries of its sparsest
 * factor, so SpMM costs nnz(A) × J, not I × K × J. Every entry also carries the error scale {@code S}
 * (the sum of absolute values of the terms that produced it, propagated to first order through
 * products, quotients and functions) that {@link Verification} turns into a tolerance.
 */
public final class ReferenceEvaluator {
    private final BooleanSupplier cancelled;

    public ReferenceEvaluator(BooleanSupplier cancelled) {
        this.cancelled = cancelled;
    }

    public ReferenceEvaluator() {
        this(() -> false);
    }

    /** Every tensor the program assigns, evaluated in program order. */
    /** Bytes a dense entry takes: its value, its magnitude bound and its stored flag. */
    static final int BYTES_PER_ENTRY = 17;

    /**
     * The bytes the evaluation holds at least: every declared tensor densely (the oracle works on dense
     * arrays so that it shares nothing with the sparse lowering it checks).
     */
    public static long denseBytes(Program program) {
        long bytes = 0;
        for (var decl : program.tensors().values()) {
            long entries = 1;
            for (int size : decl.shape()) {
                entries = Math.multiplyExact(entries, size);
            }
            bytes = Math.addExact(bytes, Math.multiplyExact(entries, BYTES_PER_ENTRY));
        }
        return bytes;
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
            double[] values = t.toDense();
            double[] magnitude = new double[values.length];
            for (int i = 0; i < values.length; i++) {
                magnitude[i] = Math.abs(values[i]);
            }
            known.put(name, new ReferenceTensor(name, t.shape(), values, t.storedMask(), magnitude));
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
            DenseTerm value = eval(assignment.normalized());
            List<IndexVar> target = assignment.target().indices();
            for (IndexVar var : value.vars()) {
                if (!target.contains(var)) {
                    throw new IllegalStateException(var + " survived normalisation of " + assignment);
                }
            }
            DenseTerm out = DenseTerm.empty(target, sizes);
            int[] from = value.strides(target);
            forEachIndex(out.dims(), (index, coords) -> {
                int src = dot(coords, from);
                out.values()[index] = value.values()[src];
                out.stored()[index] = value.stored()[src];
                out.magnitude()[index] = value.magnitude()[src];
            });
            return new ReferenceTensor(assignment.target().tensor(), out.dims(), out.values(), out.stored(),
                    out.magnitude());
        }

        private DenseTerm eval(Expr expr) {
            checkCancelled();
            if (expr instanceof Access access) {
                return access(access);
            }
            if (expr instanceof Reduction reduction) {
                List<Expr> factors = new ArrayList<>();
                flatten(reduction.body(), factors);
                return factors.size() > 1 ? contract(reduction, factors) : reduce(reduction, eval(reduction.body()));
            }
            if (expr instanceof Apply apply) {
                DenseTerm arg = eval(apply.arg());
                DenseTerm out = DenseTerm.empty(arg.vars(), sizes);
                for (int i = 0; i < arg.size(); i++) {
                    if (arg.stored()[i]) {
                        double x = arg.values()[i];
                        double y = apply.function().apply(x, apply.scalar());
                        out.values()[i] = y;
                        out.stored()[i] = true;
                        out.magnitude()[i] = apply.function().slope(x, apply.scalar()) * arg.magnitude()[i] + Math.abs(y);
                    }
                }
                return out;
            }
            if (expr instanceof Product product) {
                return product(List.of(eval(product.left()), eval(product.right())), expr);
            }
            DenseTerm left = eval(expr.children().get(0));
            DenseTerm right = eval(expr.children().get(1));
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

        private DenseTerm access(Access access) {
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
            return new DenseTerm(vars, tensor.shape(), tensor.values(), tensor.stored(), tensor.magnitude(), storage,
                    denseLevels);
        }

        /** An elementwise product without a reduction: stored where every factor is. */
        private DenseTerm product(List<DenseTerm> factors, Expr expr) {
            DenseTerm out = DenseTerm.empty(List.copyOf(expr.freeVars()), sizes);
            List<int[]> strides = factors.stream().map(f -> f.strides(out.vars())).toList();
            forEachIndex(out.dims(), (index, coords) -> {
                double value = 1;
                double scale = 0;
                for (int f = 0; f < factors.size(); f++) {
                    int at = dot(coords, strides.get(f));
                    if (!factors.get(f).stored()[at]) {
                        return;
                    }
                }
                double[] xs = new double[factors.size()];
                for (int f = 0; f < factors.size(); f++) {
                    xs[f] = factors.get(f).values()[dot(coords, strides.get(f))];
                    value *= xs[f];
                }
                for (int f = 0; f < factors.size(); f++) {
                    double others = 1;
                    for (int g = 0; g < factors.size(); g++) {
                        others *= g == f ? 1 : Math.abs(xs[g]);
                    }
                    scale += factors.get(f).magnitude()[dot(coords, strides.get(f))] * others;
                }
                out.values()[index] = value;
                out.stored()[index] = true;
                out.magnitude()[index] = scale;
            });
            return out;
        }

        /**
         * A sum or difference: stored where either operand is. When one operand lacks variables of the other,
         * the fuller operand alone supplies the coordinates of the variables the other lacks (the lesser one
         * is broadcast along its iteration, not over the whole space): an entry of the lesser operand counts
         * where the fuller one's fiber path through its deepest extra variable exists, in its storage order.
         */
        private DenseTerm additive(DenseTerm left, DenseTerm right, int sign, Expr expr) {
            DenseTerm out = DenseTerm.empty(List.copyOf(expr.freeVars()), sizes);
            int[] ls = left.strides(out.vars());
            int[] rs = right.strides(out.vars());
            DenseTerm fuller = null;
            if (left.vars().containsAll(right.vars()) && left.vars().size() > right.vars().size()) {
                fuller = left;
            } else if (right.vars().containsAll(left.vars()) && right.vars().size() > left.vars().size()) {
                fuller = right;
            }
            boolean[] present = null;
            int[] presenceStrides = null;
            if (fuller != null) {
                DenseTerm lesser = fuller == left ? right : left;
                int depth = 0;
                for (int level = 0; level < fuller.storage().size(); level++) {
                    if (!lesser.vars().contains(fuller.storage().get(level))) {
                        depth = level;
                    }
                }
                present = fuller.prefixPresence(depth);
                List<IndexVar> prefix = fuller.storage().subList(0, depth + 1);
                presenceStrides = new int[out.vars().size()];
                int stride = 1;
                for (int k = prefix.size() - 1; k >= 0; k--) {
                    presenceStrides[out.vars().indexOf(prefix.get(k))] = stride;
                    stride *= sizes.get(prefix.get(k));
                }
            }
            final DenseTerm full = fuller;
            final boolean[] presence = present;
            final int[] ps = presenceStrides;
            forEachIndex(out.dims(), (index, coords) -> {
                int l = dot(coords, ls);
                int r = dot(coords, rs);
                boolean hasL = left.stored()[l];
                boolean hasR = right.stored()[r];
                if (full != null && !presence[dot(coords, ps)]) {
                    if (full == left) {
                        hasR = false;
                    } else {
                        hasL = false;
                    }
                }
                if (hasL || hasR) {
                    out.values()[index] = (hasL ? left.values()[l] : 0) + sign * (hasR ? right.values()[r] : 0);
                    out.stored()[index] = true;
                    out.magnitude()[index] = (hasL ? left.magnitude()[l] : 0) + (hasR ? right.magnitude()[r] : 0);
                }
            });
            return out;
        }

        private DenseTerm quotient(DenseTerm left, DenseTerm right, Expr expr) {
            DenseTerm out = DenseTerm.empty(List.copyOf(expr.freeVars()), sizes);
            int[] ls = left.strides(out.vars());
            int[] rs = right.strides(out.vars());
            forEachIndex(out.dims(), (index, coords) -> {
                int l = dot(coords, ls);
                int r = dot(coords, rs);
                if (!left.stored()[l]) {
                    return;
                }
                if (!right.stored()[r]) {
                    throw UserError.of("in " + assignment + ", the numerator of " + expr
                            + " has an entry where the denominator stores none; a quotient needs a denominator "
                            + "entry for every numerator entry");
                }
                double a = left.values()[l];
                double b = right.values()[r];
                out.values()[index] = a / b;
                out.stored()[index] = true;
                out.magnitude()[index] = left.magnitude()[l] / Math.abs(b)
                        + Math.abs(a) * right.magnitude()[r] / (b * b) + Math.abs(a / b);
            });
            return out;
        }

        /** A reduction over an already evaluated body. */
        private DenseTerm reduce(Reduction reduction, DenseTerm body) {
            DenseTerm out = DenseTerm.empty(List.copyOf(reduction.freeVars()), sizes);
            int[] to = out.strides(body.vars());
            boolean max = reduction.function() == ReduceFunction.MAX;
            forEachIndex(body.dims(), (index, coords) -> {
                if (body.stored()[index]) {
                    accumulate(out, dot(coords, to), body.values()[index], body.magnitude()[index], max);
                }
            });
            return out;
        }

        /**
         * A reduction over a product of factors, driven by the stored entries of the sparsest factor; the
         * other factors are enumerated over the variables still unbound.
         */
        private DenseTerm contract(Reduction reduction, List<Expr> factorExprs) {
            List<DenseTerm> factors = new ArrayList<>();
            for (Expr factor : factorExprs) {
                factors.add(eval(factor));
            }
            factors.sort((a, b) -> Long.compare(stored(a), stored(b)));
            List<IndexVar> all = new ArrayList<>(reduction.body().freeVars());
            DenseTerm out = DenseTerm.empty(List.copyOf(reduction.freeVars()), sizes);
            int[] outStrides = out.strides(all);
            List<int[]> strides = factors.stream().map(f -> f.strides(all)).toList();
            int[] coords = new int[all.size()];
            boolean[] bound = new boolean[all.size()];
            boolean max = reduction.function() == ReduceFunction.MAX;
            DenseTerm first = factors.get(0);
            int[] firstPositions = first.vars().stream().mapToInt(all::indexOf).toArray();
            double[] xs = new double[factors.size()];
            int[] at = new int[factors.size()];
            for (int p : firstPositions) {
                bound[p] = true;
            }
            for (int index = 0; index < first.size(); index++) {
                if (!first.stored()[index]) {
                    continue;
                }
                if ((index & 0xFFF) == 0) {
                    checkCancelled();
                }
                int rest = index;
                for (int k = firstPositions.length - 1; k >= 0; k--) {
                    coords[firstPositions[k]] = rest % first.dims()[k];
                    rest /= first.dims()[k];
                }
                join(1, factors, strides, coords, bound, all, xs, at, out, outStrides, max);
            }
            return out;
        }

        private void join(int f, List<DenseTerm> factors, List<int[]> strides, int[] coords, boolean[] bound,
                List<IndexVar> all, double[] xs, int[] at, DenseTerm out, int[] outStrides, boolean max) {
            if (f == factors.size()) {
                double value = 1;
                for (int g = 0; g < factors.size(); g++) {
                    at[g] = dot(coords, strides.get(g));
                    xs[g] = factors.get(g).values()[at[g]];
                    value *= xs[g];
                }
                double scale = 0;
                for (int g = 0; g < factors.size(); g++) {
                    double others = 1;
                    for (int h = 0; h < factors.size(); h++) {
                        others *= h == g ? 1 : Math.abs(xs[h]);
                    }
                    scale += factors.get(g).magnitude()[at[g]] * others;
                }
                accumulate(out, dot(coords, outStrides), value, scale, max);
                return;
            }
            DenseTerm factor = factors.get(f);
            List<Integer> free = new ArrayList<>();
            for (IndexVar var : factor.vars()) {
                int p = all.indexOf(var);
                if (!bound[p]) {
                    free.add(p);
                }
            }
            for (int p : free) {
                bound[p] = true;
            }
            enumerate(0, free, f, factors, strides, coords, bound, all, xs, at, out, outStrides, max);
            for (int p : free) {
                bound[p] = false;
            }
        }

        private void enumerate(int k, List<Integer> free, int f, List<DenseTerm> factors, List<int[]> strides,
                int[] coords, boolean[] bound, List<IndexVar> all, double[] xs, int[] at, DenseTerm out,
                int[] outStrides, boolean max) {
            if (k == free.size()) {
                if (factors.get(f).stored()[dot(coords, strides.get(f))]) {
                    join(f + 1, factors, strides, coords, bound, all, xs, at, out, outStrides, max);
                }
                return;
            }
            int p = free.get(k);
            int size = sizes.get(all.get(p));
            for (int c = 0; c < size; c++) {
                coords[p] = c;
                enumerate(k + 1, free, f, factors, strides, coords, bound, all, xs, at, out, outStrides, max);
            }
        }

        private void accumulate(DenseTerm out, int index, double value, double scale, boolean max) {
            if (!out.stored()[index]) {
                out.stored()[index] = true;
                out.values()[index] = value;
                out.magnitude()[index] = scale;
            } else if (max) {
                if (value > out.values()[index]) {
                    out.values()[index] = value;
                    out.magnitude()[index] = scale;
                }
            } else {
                out.values()[index] += value;
                out.magnitude()[index] += scale;
            }
        }

        private long stored(DenseTerm term) {
            long n = 0;
            for (boolean s : term.stored()) {
                n += s ? 1 : 0;
            }
            return n;
        }

        private void checkCancelled() {
            if (cancelled.getAsBoolean()) {
                throw new java.util.concurrent.CancellationException("reference evaluation cancelled");
            }
        }
    }

    private interface IndexVisitor {
        void visit(int index, int[] coords);
    }

    /** Visits every row-major index of a box with its coordinates. */
    private static void forEachIndex(int[] dims, IndexVisitor visitor) {
        int[] coords = new int[dims.length];
        long size = 1;
        for (int d : dims) {
            size *= d;
        }
        for (int index = 0; index < size; index++) {
            visitor.visit(index, coords);
            for (int k = dims.length - 1; k >= 0; k--) {
                if (++coords[k] < dims[k]) {
                    break;
                }
                coords[k] = 0;
            }
        }
    }

    private static int dot(int[] coords, int[] strides) {
        int sum = 0;
        for (int k = 0; k < coords.length; k++) {
            sum += coords[k] * strides[k];
        }
        return sum;
    }
}
