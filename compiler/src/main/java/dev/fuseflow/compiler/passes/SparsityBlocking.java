package dev.fuseflow.compiler.passes;

import dev.fuseflow.compiler.ir.Access;
import dev.fuseflow.compiler.ir.Apply;
import dev.fuseflow.compiler.ir.Assignment;
import dev.fuseflow.compiler.ir.Expr;
import dev.fuseflow.compiler.ir.IndexVar;
import dev.fuseflow.compiler.ir.Product;
import dev.fuseflow.compiler.ir.Program;
import dev.fuseflow.compiler.ir.ReduceFunction;
import dev.fuseflow.compiler.ir.Reduction;
import dev.fuseflow.compiler.ir.TensorDecl;
import dev.fuseflow.diagnostics.UserError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sparsity blocking: a program over matrices becomes the same program over b×b blocks (BCSR at the
 * compressed levels), whose values are tiles. Every dimension shrinks by b (rounded up: the edge blocks are
 * padded with zeros, and results are cropped to the original shape); a product of two matrices
 * summed over their shared index, {@code sum_c(X(a,c) * Y(c,b))}, becomes a tile product, and every other
 * operation works tile by tile (element-wise). A stored block stores all of its b×b entries, zeros included.
 *
 * <p>What cannot be expressed on tiles is refused in one sentence: tensors that are not matrices (a bias
 * vector), reductions other than the sum of a matrix product, max
 * reductions, and a product whose operands are transposed relative to each other.
 */
public final class SparsityBlocking {
    private SparsityBlocking() {
    }

    /** The blocked program; its tensors keep their names, formats and mode orders. */
    public static Program block(Program program, int blockSize) {
        if (blockSize < 1) {
            throw UserError.of("the block size must be positive, not " + blockSize);
        }
        Map<String, TensorDecl> blocked = new LinkedHashMap<>();
        for (TensorDecl decl : program.tensors().values()) {
            if (decl.rank() != 2) {
                throw UserError.of("true-block values need every tensor to be a matrix of b×b tiles, but " + decl.name()
                        + " has rank " + decl.rank() + "; use --values block-timing for blocked timing of any program");
            }
            blocked.put(decl.name(), decl.withShape(decl.shape().stream().map(s -> (s + blockSize - 1) / blockSize)
                    .toList()));
        }
        List<Assignment> assignments = new java.util.ArrayList<>();
        for (Assignment assignment : program.assignments()) {
            Assignment hoisted = new Assignment(assignment.target(), hoist(assignment.normalized()));
            List<IndexVar> axes = axes(hoisted.value(), assignment);
            if (!axes.equals(assignment.target().indices())) {
                throw UserError.of("in true-block mode " + assignment.target() + " must be written in the orientation "
                        + "its value has, (" + axes.get(0) + "," + axes.get(1) + ")");
            }
            assignments.add(hoisted);
        }
        return new Program(program.name(), blocked, assignments);
    }

    /**
     * Moves the factors of a summed product that do not use the summed variable out of the sum,
     * {@code sum_d(M(i,j) * Q(i,d) * K(d,j))} → {@code M(i,j) * sum_d(Q(i,d) * K(d,j))}: the same values
     * and pattern (an intersection distributes over the union of the sum), and on tiles an element-wise
     * mask of a matrix product.
     */
    private static Expr hoist(Expr expr) {
        List<Expr> children = new java.util.ArrayList<>();
        for (Expr child : expr.children()) {
            children.add(hoist(child));
        }
        Expr rebuilt = expr.withChildren(children);
        if (!(rebuilt instanceof Reduction reduction) || reduction.function() != ReduceFunction.SUM) {
            return rebuilt;
        }
        List<Expr> factors = new java.util.ArrayList<>();
        flatten(reduction.body(), factors);
        List<Expr> outside = factors.stream().filter(f -> !uses(f, reduction.var())).toList();
        List<Expr> inside = factors.stream().filter(f -> uses(f, reduction.var())).toList();
        if (outside.isEmpty() || inside.isEmpty()) {
            return rebuilt;
        }
        return new Product(fold(outside), new Reduction(ReduceFunction.SUM, reduction.var(), fold(inside)));
    }

    private static void flatten(Expr expr, List<Expr> factors) {
        if (expr instanceof Product product) {
            flatten(product.left(), factors);
            flatten(product.right(), factors);
        } else {
            factors.add(expr);
        }
    }

    private static Expr fold(List<Expr> factors) {
        Expr result = factors.get(0);
        for (int k = 1; k < factors.size(); k++) {
            result = new Product(result, factors.get(k));
        }
        return result;
    }

    private static boolean uses(Expr expr, IndexVar var) {
        if (expr instanceof Access access) {
            return access.indices().contains(var);
        }
        return expr.children().stream().anyMatch(child -> uses(child, var));
    }

    /** Whether a product multiplies tiles element by element (same axes) rather than as matrices. */
    public static boolean elementwise(Product product) {
        return List.copyOf(product.left().freeVars()).equals(List.copyOf(product.right().freeVars()));
    }

    /** The (row, column) variables of the tiles an expression yields. */
    private static List<IndexVar> axes(Expr expr, Assignment in) {
        if (expr instanceof Access access) {
            return access.indices();
        }
        if (expr instanceof Apply apply) {
            return axes(apply.arg(), in);
        }
        if (expr instanceof Reduction reduction) {
            if (reduction.function() != ReduceFunction.SUM || !(reduction.body() instanceof Product product)) {
                throw refused(in, "its only reductions may be sums of a matrix product");
            }
            List<IndexVar> left = axes(product.left(), in);
            List<IndexVar> right = axes(product.right(), in);
            IndexVar shared = reduction.var();
            if (!left.get(1).equals(shared) || !right.get(0).equals(shared) || left.get(0).equals(right.get(1))) {
                throw refused(in, "sum_" + shared + " must multiply X(a," + shared + ") by Y(" + shared
                        + ",b) (store an operand transposed to get that orientation)");
            }
            return List.of(left.get(0), right.get(1));
        }
        List<IndexVar> left = axes(expr.children().get(0), in);
        List<IndexVar> right = axes(expr.children().get(1), in);
        if (!left.equals(right)) {
            throw refused(in, "element-wise operands must share their orientation, but " + expr.children().get(0)
                    + " is " + left + " and " + expr.children().get(1) + " is " + right);
        }
        return left;
    }

    private static UserError refused(Assignment assignment, String why) {
        return UserError.of("assignment " + assignment + " cannot run on b×b tiles: " + why);
    }
}
