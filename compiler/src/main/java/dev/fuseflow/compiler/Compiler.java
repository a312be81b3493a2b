package dev.fuseflow.compiler;

import dev.fuseflow.compiler.cost.CostModel;
import dev.fuseflow.compiler.fusion.Lowering;
import dev.fuseflow.compiler.fusion.FusedGroup;
import dev.fuseflow.compiler.ir.IndexVar;
import dev.fuseflow.compiler.ir.Program;
import dev.fuseflow.compiler.passes.SparsityBlocking;
import dev.fuseflow.compiler.schedule.DataflowOrder;
import dev.fuseflow.compiler.schedule.OrderChoice;
import dev.fuseflow.compiler.schedule.Parallelization;
import dev.fuseflow.compiler.schedule.Schedule;
import dev.fuseflow.diagnostics.UserError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The compiler's front door: a program, a schedule and an order choice in; one SAM graph per fusion group
 * out. Order words are per group ({@code g0:ikj,g1:auto}) or one word for every group.
 */
public final class Compiler {
    /** Valid orders enumerated per group (the count is reported as at least this when reached). */
    public static final int ORDER_LIMIT = 5000;

    private Compiler() {
    }

    public static CompiledProgram compile(Program program, String fusionName, Schedule schedule, String orderSpec) {
        return compile(program, fusionName, schedule, orderSpec, Parallelization.NONE);
    }

    /**
     * As {@link #compile(Program, String, Schedule, String)}, with the regions below the named output
     * variables split into lanes in every group that has them.
     */
    public static CompiledProgram compile(Program program, String fusionName, Schedule schedule, String orderSpec,
            Parallelization parallelization) {
        return compile(program, fusionName, schedule, orderSpec, parallelization, CostModel.assumed(program));
    }

    /**
     * As {@link #compile(Program, String, Schedule, String, Parallelization)}, with {@code auto} orders chosen
     * by the given cost model (e.g. one measured on the run's inputs).
     */
    public static CompiledProgram compile(Program program, String fusionName, Schedule schedule, String orderSpec,
            Parallelization parallelization, CostModel costs) {
        return compile(program, fusionName, schedule, orderSpec, parallelization, costs, false);
    }

    /**
     * Compiles the program blocked into b×b tiles ({@link SparsityBlocking}) for the simulator's true-block
     * values; the compiled program is the blocked one (every dimension divided by b).
     */
    public static CompiledProgram compileBlocked(Program program, String fusionName, Schedule schedule,
            String orderSpec, Parallelization parallelization, int blockSize) {
        Program blocked = SparsityBlocking.block(program, blockSize);
        return compile(blocked, fusionName, schedule, orderSpec, parallelization, CostModel.assumed(blocked), true);
    }

    private static CompiledProgram compile(Program program, String fusionName, Schedule schedule, String orderSpec,
            Parallelization parallelization, CostModel costs, boolean tiles) {
        Map<Integer, String> orders = parseOrders(orderSpec, schedule.groups().size());
        List<CompiledGroup> groups = new ArrayList<>();
        java.util.Set<String> parallelized = new java.util.HashSet<>();
        java.util.Set<String> parallelizable = new java.util.LinkedHashSet<>();
        for (int g = 0; g < schedule.groups().size(); g++) {
            List<Integer> members = schedule.groups().get(g);
            FusedGroup group = FusedGroup.of(program, members);
            String groupName = "group g" + g + " (assignments " + members + ")";
            List<DataflowOrder> valid = Lowering.validOrders(program, group, ORDER_LIMIT);
            String spec = orders.getOrDefault(g, orders.get(-1));
            DataflowOrder order = named(spec, group, program, groupName, valid)
                    .orElseGet(() -> OrderChoice.resolve(spec, valid, groupName, () -> costs.cheapest(group, valid)));
            costs.record(group);
            Map<IndexVar, Integer> lanes = new java.util.LinkedHashMap<>();
            for (IndexVar var : Lowering.parallelizable(group)) {
                parallelizable.add(var.name());
                Integer factor = parallelization.lanes().get(var.name());
                if (factor != null) {
                    lanes.put(var, factor);
                    parallelized.add(var.name());
                }
            }
            groups.add(new CompiledGroup(g, members, order, valid.stream().map(DataflowOrder::name).toList(),
                    Lowering.lower(program, group, order, lanes, program.name() + "/g" + g, true, tiles)));
        }
        for (String name : parallelization.lanes().keySet()) {
            if (!parallelized.contains(name)) {
                throw UserError.of("cannot parallelize below '" + name + "': it is not an output index variable of any "
                        + "fusion group (the variables that can be split into lanes are " + parallelizable + ")",
                        parallelizable.stream().map(v -> v + ":4").toList());
            }
        }
        return new CompiledProgram(program, fusionName, schedule, groups);
    }

    /** An order given by its variables, checked directly (it may lie beyond the enumeration limit). */
    private static java.util.Optional<DataflowOrder> named(String spec, FusedGroup group, Program program,
            String groupName, List<DataflowOrder> valid) {
        if (spec == null || spec.equals("auto") || spec.equals("first") || spec.startsWith("#")) {
            return java.util.Optional.empty();
        }
        List<IndexVar> vars = group.variables();
        List<IndexVar> chosen = new ArrayList<>();
        boolean letters = vars.stream().allMatch(v -> v.name().length() == 1);
        String[] words = letters && !spec.contains(",") ? spec.split("") : spec.split(",");
        for (String word : words) {
            IndexVar var = vars.stream().filter(v -> v.name().equals(word.trim())).findFirst().orElse(null);
            if (var == null || chosen.contains(var)) {
                chosen = null;
                break;
            }
            chosen.add(var);
        }
        if (chosen == null || chosen.size() != vars.size()) {
            throw UserError.of("order '" + spec + "' is not an ordering of the variables " + vars + " of " + groupName,
                    List.of("a permutation of " + vars, "#k", "first", "auto"));
        }
        DataflowOrder order = new DataflowOrder(chosen);
        java.util.Optional<String> reason = Lowering.legality(program, group, order);
        if (reason.isPresent()) {
            List<String> accepted = new ArrayList<>(valid.stream().limit(12).map(DataflowOrder::name).toList());
            accepted.add("#k");
            accepted.add("first");
            accepted.add("auto");
            throw UserError.of("order '" + spec + "' is not a valid dataflow order of " + groupName + ": "
                    + reason.get(), accepted);
        }
        return java.util.Optional.of(order);
    }

    private static Map<Integer, String> parseOrders(String spec, int groupCount) {
        Map<Integer, String> orders = new java.util.HashMap<>();
        orders.put(-1, "auto");
        if (spec == null || spec.isBlank()) {
            return orders;
        }
        if (!spec.contains(":")) {
            orders.put(-1, spec);
            return orders;
        }
        int current = -1;
        for (String part : spec.split(",")) {
            int colon = part.indexOf(':');
            String group = colon < 0 ? "" : part.substring(0, colon).trim();
            if (!group.matches("g\\d+") && current >= 0 && colon < 0) {
                // a multi-letter order (i,k1,j) continues the previous group's word
                orders.put(current, orders.get(current) + "," + part.trim());
                continue;
            }
            if (!group.matches("g\\d+") || Integer.parseInt(group.substring(1)) >= groupCount) {
                throw UserError.of("order '" + part + "' does not name a group g0..g" + (groupCount - 1),
                        List.of("ikj", "#k", "auto", "g0:ikj,g1:auto"));
            }
            current = Integer.parseInt(group.substring(1));
            orders.put(current, part.substring(colon + 1).trim());
        }
        return orders;
    }
}
