package dev.fuseflow.compiler;

import dev.fuseflow.compiler.fusion.Lowering;
import dev.fuseflow.compiler.ir.Assignment;
import dev.fuseflow.compiler.ir.Program;
import dev.fuseflow.compiler.schedule.DataflowOrder;
import dev.fuseflow.compiler.schedule.OrderChoice;
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
    private Compiler() {
    }

    public static CompiledProgram compile(Program program, String fusionName, Schedule schedule, String orderSpec) {
        Map<Integer, String> orders = parseOrders(orderSpec, schedule.groups().size());
        List<CompiledGroup> groups = new ArrayList<>();
        for (int g = 0; g < schedule.groups().size(); g++) {
            List<Integer> members = schedule.groups().get(g);
            if (members.size() > 1) {
                throw UserError.of("fusion group g" + g + " holds assignments " + members
                        + "; fusing several assignments into one graph is not lowered yet, use --fusion unfused");
            }
            Assignment assignment = program.assignments().get(members.get(0));
            String groupName = "group g" + g + " (" + assignment + ")";
            List<DataflowOrder> valid = Lowering.validOrders(program, assignment);
            if (valid.isEmpty()) {
                throw UserError.of(groupName + " has no order this compiler can lower yet");
            }
            DataflowOrder order = OrderChoice.resolve(orders.getOrDefault(g, orders.get(-1)), valid, groupName);
            groups.add(new CompiledGroup(g, members, order, valid.stream().map(DataflowOrder::name).toList(),
                    Lowering.lower(program, assignment, order, program.name() + "/g" + g)));
        }
        return new CompiledProgram(program, fusionName, schedule, groups);
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
        for (String part : spec.split(",")) {
            int colon = part.indexOf(':');
            String group = colon < 0 ? "" : part.substring(0, colon).trim();
            if (!group.matches("g\\d+") || Integer.parseInt(group.substring(1)) >= groupCount) {
                throw UserError.of("order '" + part + "' does not name a group g0..g" + (groupCount - 1),
                        List.of("ikj", "#k", "auto", "g0:ikj,g1:auto"));
            }
            orders.put(Integer.parseInt(group.substring(1)), part.substring(colon + 1).trim());
        }
        return orders;
    }
}
