package dev.fuseflow.compiler.reference;

import dev.fuseflow.compiler.ir.Access;
import dev.fuseflow.compiler.ir.Assignment;
import dev.fuseflow.compiler.ir.IndexVar;
import dev.fuseflow.compiler.ir.Program;
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
 * lowering. A product is stored where every factor is stored; a sum over reduced variables runs over the
 * stored products only, and an output entry is stored when at least one product was.
 *
 * <p>Sparse-aware: the first operand's stored entries drive the loop, the remaining variables are
 * enumerated, so SpMM costs nnz(A) × J, not I × K × J.
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
    public Map<String, ReferenceTensor> evaluate(Program program, Map<String, FiberTensor> inputs) {
        Map<String, ReferenceTensor> known = new HashMap<>();
        for (var entry : inputs.entrySet()) {
            FiberTensor t = entry.getValue();
            known.put(entry.getKey(), new ReferenceTensor(t.name(), t.shape(), t.toDense(), t.storedMask(),
                    absolute(t.toDense())));
        }
        Map<String, ReferenceTensor> results = new LinkedHashMap<>();
        for (Assignment assignment : program.assignments()) {
            ReferenceTensor result = evaluate(program, assignment, known);
            known.put(result.name(), result);
            results.put(result.name(), result);
        }
        return results;
    }

    private static double[] absolute(double[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Math.abs(values[i]);
        }
        return out;
    }

    private ReferenceTensor evaluate(Program program, Assignment assignment, Map<String, ReferenceTensor> known) {
        List<Access> operands = assignment.operands();
        List<ReferenceTensor> tensors = new ArrayList<>();
        for (Access access : operands) {
            ReferenceTensor tensor = known.get(access.tensor());
            if (tensor == null) {
                throw new IllegalArgumentException("no data for tensor '" + access.tensor() + "'");
            }
            tensors.add(tensor);
        }
        List<IndexVar> vars = assignment.variables();
        Map<IndexVar, Integer> extent = new HashMap<>();
        for (int o = 0; o < operands.size(); o++) {
            for (int m = 0; m < operands.get(o).indices().size(); m++) {
                extent.putIfAbsent(operands.get(o).indices().get(m), tensors.get(o).shape()[m]);
            }
        }
        Access target = assignment.target();
        int[] shape = program.tensor(target.tensor()).shapeArray();
        long size = 1;
        for (int d : shape) {
            size *= d;
        }
        double[] values = new double[Math.toIntExact(size)];
        boolean[] stored = new boolean[values.length];
        double[] magnitude = new double[values.length];

        int[] binding = new int[vars.size()];
        ReferenceTensor driver = tensors.get(0);
        Access driverAccess = operands.get(0);
        List<Integer> free = new ArrayList<>();
        for (int v = 0; v < vars.size(); v++) {
            if (!driverAccess.indices().contains(vars.get(v))) {
                free.add(v);
            }
        }
        int[] coordinate = new int[driver.shape().length];
        for (int flat = 0; flat < driver.size(); flat++) {
            if (!driver.stored()[flat]) {
                continue;
            }
            if ((flat & 0xFFF) == 0 && cancelled.getAsBoolean()) {
                throw new dev.fuseflow.simulator.engine.SimulationCancelledException();
            }
            unflatten(flat, driver.shape(), coordinate);
            for (int m = 0; m < coordinate.length; m++) {
                binding[vars.indexOf(driverAccess.indices().get(m))] = coordinate[m];
            }
            enumerate(0, free, vars, extent, binding, operands, tensors, target, shape, values, stored, magnitude);
        }
        return new ReferenceTensor(target.tensor(), shape, values, stored, magnitude);
    }

    private static void enumerate(int next, List<Integer> free, List<IndexVar> vars, Map<IndexVar, Integer> extent,
            int[] binding, List<Access> operands, List<ReferenceTensor> tensors, Access target, int[] shape,
            double[] values, boolean[] stored, double[] magnitude) {
        if (next == free.size()) {
            double product = 1;
            for (int o = 0; o < operands.size(); o++) {
                int flat = flatIndex(operands.get(o), tensors.get(o).shape(), vars, binding);
                if (!tensors.get(o).stored()[flat]) {
                    return;
                }
                product *= tensors.get(o).values()[flat];
            }
            int out = flatIndex(target, shape, vars, binding);
            values[out] += product;
            magnitude[out] += Math.abs(product);
            stored[out] = true;
            return;
        }
        int v = free.get(next);
        int n = extent.get(vars.get(v));
        for (int c = 0; c < n; c++) {
            binding[v] = c;
            enumerate(next + 1, free, vars, extent, binding, operands, tensors, target, shape, values, stored, magnitude);
        }
    }

    private static int flatIndex(Access access, int[] shape, List<IndexVar> vars, int[] binding) {
        int flat = 0;
        for (int m = 0; m < shape.length; m++) {
            flat = flat * shape[m] + binding[vars.indexOf(access.indices().get(m))];
        }
        return flat;
    }

    private static void unflatten(int flat, int[] shape, int[] out) {
        for (int m = shape.length - 1; m >= 0; m--) {
            out[m] = flat % shape[m];
            flat /= shape[m];
        }
    }
}
