package dev.fuseflow.compiler.frontend.mlir;

import dev.fuseflow.compiler.frontend.mlir.MlirSyntax.TensorType;
import dev.fuseflow.compiler.ir.Access;
import dev.fuseflow.compiler.ir.Assignment;
import dev.fuseflow.compiler.ir.Expr;
import dev.fuseflow.compiler.ir.TensorDecl;
import dev.fuseflow.simulator.tensor.LevelFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * One function translated into assignments whose shapes are not fixed yet: its live tensors with their MLIR
 * types, the assignments (which do not depend on sizes), the tensors it returns, and the dimension equalities
 * its ops impose. {@link MlirModule} binds it to sizes.
 *
 * @param tensors     every tensor the returned values depend on, inputs first (arguments, then constants), then
 *                    op results in program order
 * @param assignments one per live op result, in program order
 * @param results     the returned tensors, in return order
 * @param equalities  pairs of dimensions an op requires to be equal (already checked for conflicts)
 * @param warnings    what the translation changed or ignored, for the user
 */
record FunctionModel(String file, String name, List<TensorInfo> tensors, List<Assignment> assignments,
        List<String> results, List<DimKey[]> equalities, List<String> warnings) {

    enum Role {
        ARGUMENT, CONSTANT, RESULT
    }

    /**
     * A tensor of the program: its name there, its MLIR value and type, and which dimensions are unit dimensions
     * (size 1, indexed by a constant 0 in MLIR; they are dropped from the program's tensor).
     */
    record TensorInfo(String name, String value, TensorType type, Role role, Set<Integer> unitDims,
            SourceLocation at) {

        /** The dimensions the program keeps, as keys. */
        List<DimKey> keys() {
            List<DimKey> keys = new ArrayList<>();
            for (int d = 0; d < type.rank(); d++) {
                if (!unitDims.contains(d)) {
                    keys.add(new DimKey(name, d));
                }
            }
            return keys;
        }

        /** The declaration with the given sizes: unit dimensions dropped, levels in the encoding's order. */
        TensorDecl declaration(Map<DimKey, Integer> sizes) {
            List<Integer> kept = new ArrayList<>();
            List<Integer> shape = new ArrayList<>();
            for (DimKey key : keys()) {
                kept.add(key.dim());
                shape.add(sizes.get(key));
            }
            List<LevelFormat> formats = new ArrayList<>();
            List<Integer> order = new ArrayList<>();
            if (type.encoding() == null) {
                for (int m = 0; m < kept.size(); m++) {
                    formats.add(LevelFormat.DENSE);
                    order.add(m);
                }
            } else {
                for (MlirSyntax.Level level : type.encoding().levels()) {
                    if (kept.contains(level.dim())) {
                        formats.add(level.format());
                        order.add(kept.indexOf(level.dim()));
                    }
                }
            }
            return new TensorDecl(name, shape, formats, order);
        }

        TensorInfo renamed(String newName) {
            return new TensorInfo(newName, value, type, role, unitDims, at);
        }
    }

    /** The same function with every tensor renamed (a chain prefixes each file's tensors). */
    FunctionModel renamed(UnaryOperator<String> rename) {
        List<TensorInfo> newTensors = tensors.stream().map(t -> t.renamed(rename.apply(t.name()))).toList();
        List<Assignment> newAssignments = assignments.stream().map(a -> renameTensors(a, rename)).toList();
        List<DimKey[]> newEqualities = equalities.stream().map(pair -> new DimKey[] {
            new DimKey(rename.apply(pair[0].tensor()), pair[0].dim()),
            new DimKey(rename.apply(pair[1].tensor()), pair[1].dim())}).toList();
        return new FunctionModel(file, name, newTensors, newAssignments, results.stream().map(rename).toList(),
                newEqualities, warnings);
    }

    static Assignment renameTensors(Assignment assignment, UnaryOperator<String> rename) {
        Access target = assignment.target();
        return new Assignment(new Access(rename.apply(target.tensor()), target.indices()),
                renameTensors(assignment.value(), rename));
    }

    private static Expr renameTensors(Expr expr, UnaryOperator<String> rename) {
        if (expr instanceof Access access) {
            return new Access(rename.apply(access.tensor()), access.indices());
        }
        return expr.withChildren(expr.children().stream().map(c -> renameTensors(c, rename)).toList());
    }

    TensorInfo tensor(String tensorName) {
        return tensors.stream().filter(t -> t.name().equals(tensorName)).findFirst().orElse(null);
    }
}
