package dev.fuseflow.compiler.schedule;

import dev.fuseflow.diagnostics.UserError;
import java.util.List;
import java.util.function.Supplier;

/**
 * Resolves an {@code --order} word against the valid orders of a group: {@code auto} (the order the cost
 * model predicts cheapest), {@code first} (the first valid order, which is what the original compiler takes:
 * the lexicographically first topological order), {@code #k} (the k-th valid order, counting from 1) or the
 * order's letters.
 */
public final class OrderChoice {
    private OrderChoice() {
    }

    public static DataflowOrder resolve(String spec, List<DataflowOrder> valid, String group,
            Supplier<DataflowOrder> cheapest) {
        if (valid.isEmpty()) {
            throw UserError.of(group + " has no valid dataflow order");
        }
        List<String> names = valid.stream().map(DataflowOrder::name).toList();
        if (spec == null || spec.equals("auto")) {
            return cheapest.get();
        }
        if (spec.equals("first")) {
            return valid.get(0);
        }
        if (spec.startsWith("#")) {
            int k;
            try {
                k = Integer.parseInt(spec.substring(1));
            } catch (NumberFormatException e) {
                throw UserError.of("order '" + spec + "' is not #<number>", List.of("#1..#" + valid.size()));
            }
            if (k < 1 || k > valid.size()) {
                throw UserError.of("order " + spec + " is out of range for " + group + ", which has " + valid.size()
                        + " valid orders", List.of("#1..#" + valid.size()));
            }
            return valid.get(k - 1);
        }
        for (DataflowOrder order : valid) {
            if (order.name().equals(spec)) {
                return order;
            }
        }
        throw UserError.of("order '" + spec + "' is not a valid dataflow order of " + group,
                concat(names));
    }

    private static List<String> concat(List<String> names) {
        java.util.ArrayList<String> all = new java.util.ArrayList<>(names);
        all.add("#k");
        all.add("first");
        all.add("auto");
        return all;
    }
}
