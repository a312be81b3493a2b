package dev.fuseflow.compiler.passes;

import dev.fuseflow.simulator.graph.ArrayOp;
import dev.fuseflow.simulator.graph.BinaryAluOp;
import dev.fuseflow.simulator.graph.BroadcastOp;
import dev.fuseflow.simulator.graph.CrdDropOp;
import dev.fuseflow.simulator.graph.CrdHoldOp;
import dev.fuseflow.simulator.graph.DrivenReduceOp;
import dev.fuseflow.simulator.graph.FiberDropOp;
import dev.fuseflow.simulator.graph.CrdMaskOp;
import dev.fuseflow.simulator.graph.FiberLookupOp;
import dev.fuseflow.simulator.graph.FiberWriteOp;
import dev.fuseflow.simulator.graph.ForkOp;
import dev.fuseflow.simulator.graph.IntersectOp;
import dev.fuseflow.simulator.graph.JoinOp;
import dev.fuseflow.simulator.graph.LocateOp;
import dev.fuseflow.simulator.graph.OrderedJoinOp;
import dev.fuseflow.simulator.graph.ReduceOp;
import dev.fuseflow.simulator.graph.RepeatOp;
import dev.fuseflow.simulator.graph.RootOp;
import dev.fuseflow.simulator.graph.SamOp;
import dev.fuseflow.simulator.graph.Spacc2Op;
import dev.fuseflow.simulator.graph.SpaccOp;
import dev.fuseflow.simulator.graph.StopDropperOp;
import dev.fuseflow.simulator.graph.UnaryAluOp;
import dev.fuseflow.simulator.graph.UnionOp;
import dev.fuseflow.simulator.graph.ValueWriteOp;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters of an op by name: everything that is not a stream port (tensor, storage level, index
 * variables, operation, scalar, ...). Values are strings, integers, booleans, floats or enums. Used by
 * {@link MergeIdenticalOps} (equal parameters are part of being identical; a {@link Float} compares by
 * bits, so {@code 0.0} and {@code -0.0} differ) and by the JSON export.
 *
 * <p>Listed per kind on purpose rather than read off the records by reflection, where ports and parameters
 * (both ints) cannot be told apart: a kind added to the graph vocabulary later has no entry until someone
 * writes one, and until then it is never merged and exports with its label only.
 */
public final class OpParameters {
    private OpParameters() {
    }

    /** The op's parameters in a fixed order, or empty for a kind this class does not know. */
    public static Optional<Map<String, Object>> of(SamOp op) {
        Map<String, Object> p = new LinkedHashMap<>();
        if (op instanceof RootOp root) {
            p.put("tensor", root.tensor());
        } else if (op instanceof FiberLookupOp scan) {
            p.put("tensor", scan.tensor());
            p.put("level", scan.level());
            p.put("mode", scan.mode());
            p.put("format", scan.format().word());
            p.put("index", scan.indexVar());
        } else if (op instanceof FiberWriteOp write) {
            p.put("tensor", write.tensor());
            p.put("level", write.level());
            p.put("index", write.indexVar());
        } else if (op instanceof ValueWriteOp write) {
            p.put("tensor", write.tensor());
        } else if (op instanceof RepeatOp repeat) {
            p.put("tensor", repeat.tensor());
            p.put("index", repeat.indexVar());
        } else if (op instanceof IntersectOp join) {
            p.put("index", join.indexVar());
            p.put("operands", join.inCrds().size());
        } else if (op instanceof UnionOp join) {
            p.put("index", join.indexVar());
            p.put("operands", join.inCrds().size());
        } else if (op instanceof LocateOp locate) {
            p.put("index", locate.indexVar());
            p.put("dense_tensor", locate.denseTensor());
        } else if (op instanceof ArrayOp array) {
            p.put("tensor", array.tensor());
        } else if (op instanceof BinaryAluOp alu) {
            p.put("op", alu.op());
        } else if (op instanceof UnaryAluOp alu) {
            p.put("op", alu.op());
            p.put("scalar", alu.scalar());
        } else if (op instanceof ReduceOp reduce) {
            p.put("reduction", reduce.reduction());
            p.put("index", reduce.indexVar());
            p.put("skips_empty", reduce.skipsEmpty());
        } else if (op instanceof DrivenReduceOp reduce) {
            p.put("reduction", reduce.reduction());
            p.put("index", reduce.indexVar());
            p.put("outer_index", reduce.outerVar());
        } else if (op instanceof SpaccOp spacc) {
            p.put("inner_index", spacc.innerVar());
            p.put("reduced_index", spacc.reducedVar());
        } else if (op instanceof Spacc2Op spacc) {
            p.put("inner_index", spacc.innerVar());
            p.put("kept_index", spacc.keptVar());
            p.put("reduced_index", spacc.reducedVar());
        } else if (op instanceof CrdDropOp drop) {
            p.put("outer_index", drop.outerVar());
            p.put("inner_index", drop.innerVar());
        } else if (op instanceof FiberDropOp drop) {
            p.put("outer_index", drop.outerVar());
            p.put("inner_index", drop.innerVar());
        } else if (op instanceof CrdHoldOp hold) {
            p.put("outer_index", hold.outerVar());
            p.put("inner_index", hold.innerVar());
        } else if (op instanceof CrdMaskOp mask) {
            p.put("predicate", mask.predicate());
        } else if (op instanceof OrderedJoinOp join) {
            p.put("ways", join.ins().size());
            p.put("depth", join.depth());
        } else if (op instanceof BroadcastOp || op instanceof ForkOp || op instanceof JoinOp) {
            p.put("ways", op instanceof JoinOp ? op.inputs().size() : op.outputs().size());
        } else if (!(op instanceof StopDropperOp)) {
            return Optional.empty();
        }
        return Optional.of(p);
    }
}
