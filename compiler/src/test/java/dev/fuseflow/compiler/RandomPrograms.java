package dev.fuseflow.compiler;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded random einsum programs for the randomized tests: one to three assignments over square tensors of
 * one small size, each reading fresh inputs of random level formats and mode orders and, with some
 * probability, the previous assignment's output, through products, contractions, sums with broadcast
 * operands, differences, unary functions and max reductions.
 */
final class RandomPrograms {
    private static final List<String> VARS = List.of("i", "j", "k", "l", "m");

    private final SplittableRandom random;
    private final int size;
    private final List<String> declarations = new ArrayList<>();
    private final List<String> statements = new ArrayList<>();
    private String previousTarget;
    private int previousRank;
    private int inputs;

    private RandomPrograms(long seed) {
        this.random = new SplittableRandom(seed);
        this.size = 3 + random.nextInt(4);
    }

    /** The text of one random program. */
    static String generate(long seed) {
        return new RandomPrograms(seed).program();
    }

    private String program() {
        int count = 1 + random.nextInt(3);
        for (int n = 0; n < count; n++) {
            int rank = 1 + random.nextInt(2);
            List<String> target = new ArrayList<>(VARS.subList(0, rank));
            String name = "T" + n;
            String value = expr(target, 2, true);
            declarations.add(declaration(name, rank, random.nextBoolean()));
            statements.add(name + "(" + String.join(",", target) + ") = " + value);
            previousTarget = name;
            previousRank = rank;
        }
        return "# program random\n" + String.join("\n", declarations) + "\n" + String.join("\n", statements) + "\n";
    }

    /** An expression that uses every variable of {@code vars} (its free variables are exactly those). */
    private String expr(List<String> vars, int depth, boolean top) {
        int choice = depth == 0 ? 0 : random.nextInt(7);
        return switch (choice) {
            case 1 -> expr(vars, depth - 1, false) + " * " + expr(canonical(vars), depth - 1, false);
            case 2 -> {
                String r = fresh(vars);
                if (r == null) {
                    yield access(vars);
                }
                List<String> withR = new ArrayList<>(vars);
                withR.add(r);
                List<String> right = new ArrayList<>(List.of(r));
                yield "sum_" + r + "(" + access(canonical(withR)) + " * " + access(right) + ")";
            }
            case 3 -> expr(vars, depth - 1, false) + " + " + broadcastOperand(vars, depth - 1);
            case 4 -> expr(vars, depth - 1, false) + " - " + broadcastOperand(vars, depth - 1);
            case 5 -> List.of("relu", "sigmoid", "exp").get(random.nextInt(3)) + "(" + expr(vars, depth - 1, false) + ")";
            case 6 -> {
                String r = fresh(vars);
                if (r == null) {
                    yield access(vars);
                }
                List<String> withR = new ArrayList<>(vars);
                withR.add(r);
                yield "max_" + r + "(" + access(canonical(withR)) + ")";
            }
            default -> access(vars);
        };
    }

    /** A sum's second operand: the same variables or a non-empty subset (broadcast over the rest). */
    private String broadcastOperand(List<String> vars, int depth) {
        if (vars.size() > 1 && random.nextBoolean()) {
            return access(List.of(vars.get(random.nextInt(vars.size()))));
        }
        return "(" + expr(vars, Math.max(depth, 0), false) + ")";
    }

    private String access(List<String> unordered) {
        List<String> vars = canonical(unordered);
        if (previousTarget != null && vars.size() == previousRank && random.nextInt(3) == 0) {
            return previousTarget + "(" + String.join(",", vars) + ")";
        }
        String name = "X" + inputs++;
        declarations.add(declaration(name, vars.size(), random.nextInt(5) == 0));
        return name + "(" + String.join(",", vars) + ")";
    }

    private String declaration(String name, int rank, boolean transposed) {
        List<String> formats = new ArrayList<>();
        for (int level = 0; level < rank; level++) {
            formats.add(random.nextBoolean() ? "compressed" : "dense");
        }
        List<String> shape = new ArrayList<>();
        for (int level = 0; level < rank; level++) {
            shape.add(String.valueOf(size));
        }
        String order = !transposed || rank == 1 ? "" : rank == 2 ? " order [1, 0]" : " order [0, 2, 1]";
        return name + ": (" + String.join(", ", formats) + ") [" + String.join(", ", shape) + "]" + order;
    }

    private String fresh(List<String> used) {
        for (String var : VARS) {
            if (!used.contains(var)) {
                return var;
            }
        }
        return null;
    }

    /**
     * Variables in one global rank, as a model's accesses usually are; random storage orders (declared
     * transposes) still make some orders conflict, as they do in real programs.
     */
    private List<String> canonical(List<String> vars) {
        List<String> copy = new ArrayList<>(vars);
        copy.sort(java.util.Comparator.comparingInt(VARS::indexOf));
        return copy;
    }
}
