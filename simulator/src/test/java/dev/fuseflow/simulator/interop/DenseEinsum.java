package dev.fuseflow.simulator.interop;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small dense evaluator for the einsum expressions in the fixtures' {@code stats.txt}
 * ({@code tOut(i0,i2)=t0(i0,i1)*t1(i1,i2)+t2(i2)}): a sum of terms, each a product of tensor accesses,
 * summed over the variables not in the output. Every variable has the same extent here (the fixture
 * tests size every dimension alike), which keeps the evaluator to one loop nest per term.
 */
final class DenseEinsum {
    record Access(String tensor, List<String> vars) {
    }

    private static final Pattern ACCESS = Pattern.compile("(\\w+)\\(([\\w,]*)\\)");

    final Access output;
    final List<List<Access>> terms;

    private DenseEinsum(Access output, List<List<Access>> terms) {
        this.output = output;
        this.terms = terms;
    }

    /** Parses a pure sum of products of accesses; {@code null} for anything else (functions, -, /). */
    static DenseEinsum parse(String expression) {
        String[] sides = expression.split("=", 2);
        if (sides.length != 2 || !sides[1].matches("[\\w(),*+]+")) {
            return null;
        }
        Access output = access(sides[0]);
        List<List<Access>> terms = new ArrayList<>();
        for (String term : sides[1].split("\\+")) {
            List<Access> factors = new ArrayList<>();
            for (String factor : term.split("\\*")) {
                Access access = access(factor);
                if (access == null) {
                    return null;
                }
                factors.add(access);
            }
            terms.add(factors);
        }
        return output == null ? null : new DenseEinsum(output, terms);
    }

    private static Access access(String text) {
        Matcher m = ACCESS.matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        return new Access(m.group(1), m.group(2).isEmpty() ? List.of() : List.of(m.group(2).split(",")));
    }

    /** Variables of a term that are not output variables (summed). */
    Set<String> summed(List<Access> term) {
        Set<String> vars = new LinkedHashSet<>();
        term.forEach(a -> vars.addAll(a.vars()));
        vars.removeAll(output.vars());
        return vars;
    }

    /**
     * True when the text cannot be read as a plain einsum: a product term that misses an output variable would
     * be broadcast along it, which is how the compiler's flattened text shows parenthesised expressions such
     * as {@code (A*B+C)*D} (a lone access missing one, like a bias, is a genuine broadcast).
     */
    boolean ambiguous() {
        for (List<Access> term : terms) {
            Set<String> vars = new LinkedHashSet<>();
            term.forEach(a -> vars.addAll(a.vars()));
            if (term.size() > 1 && !vars.containsAll(output.vars())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Evaluates with every variable of extent {@code n}; {@code dense} maps tensor name to row-major values.
     * Returns the output (row-major) and, per entry, the sum of the absolute values of the terms, for the
     * tolerance.
     */
    double[][] evaluate(Map<String, double[]> dense, int n) {
        int outRank = output.vars().size();
        int outSize = (int) Math.pow(n, outRank);
        double[] result = new double[outSize];
        double[] magnitude = new double[outSize];
        for (List<Access> term : terms) {
            List<String> vars = new ArrayList<>(output.vars());
            vars.addAll(summed(term));
            int[] index = new int[vars.size()];
            long total = (long) Math.pow(n, vars.size());
            for (long flat = 0; flat < total; flat++) {
                long rest = flat;
                for (int v = vars.size() - 1; v >= 0; v--) {
                    index[v] = (int) (rest % n);
                    rest /= n;
                }
                double product = 1;
                for (Access access : term) {
                    int position = 0;
                    for (String var : access.vars()) {
                        position = position * n + index[vars.indexOf(var)];
                    }
                    product *= dense.get(access.tensor())[position];
                }
                int out = 0;
                for (int v = 0; v < outRank; v++) {
                    out = out * n + index[v];
                }
                result[out] += product;
                magnitude[out] += Math.abs(product);
            }
        }
        return new double[][] {result, magnitude};
    }
}
