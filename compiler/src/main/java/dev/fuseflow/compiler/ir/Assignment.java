package dev.fuseflow.compiler.ir;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code target = sum_{reduced} value}: the reduced variables are those of the value that the target does
 * not index.
 */
public record Assignment(Access target, Expr value) {

    /** The accesses of the value, left to right. */
    public List<Access> operands() {
        List<Access> out = new ArrayList<>();
        collect(value, out);
        return out;
    }

    private static void collect(Expr expr, List<Access> out) {
        if (expr instanceof Access access) {
            out.add(access);
        } else if (expr instanceof Product product) {
            collect(product.left(), out);
            collect(product.right(), out);
        }
    }

    /** Every index variable, in order of first appearance (target first). */
    public List<IndexVar> variables() {
        Set<IndexVar> vars = new LinkedHashSet<>(target.indices());
        for (Access access : operands()) {
            vars.addAll(access.indices());
        }
        return List.copyOf(vars);
    }

    /** The variables summed over. */
    public List<IndexVar> reduced() {
        List<IndexVar> out = new ArrayList<>(variables());
        out.removeAll(target.indices());
        return out;
    }

    @Override
    public String toString() {
        List<IndexVar> sums = reduced();
        StringBuilder text = new StringBuilder(target.toString()).append(" = ");
        if (!sums.isEmpty()) {
            text.append("sum_");
            sums.forEach(v -> text.append(v.name()));
            text.append(' ');
        }
        return text.append(value).toString();
    }
}
