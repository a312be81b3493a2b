package dev.fuseflow.compiler.export;

import dev.fuseflow.compiler.CompiledGroup;
import dev.fuseflow.compiler.CompiledProgram;
import java.util.Map;

/**
 * {@code --emit summary}: per group the assignments, the chosen dataflow order, the number and names of
 * the valid orders, and op counts per primitive kind. Stable text for golden tests.
 */
public final class SummaryPrinter {
    private SummaryPrinter() {
    }

    public static String print(CompiledProgram compiled) {
        StringBuilder text = new StringBuilder();
        text.append("program ").append(compiled.program().name()).append(", fusion ").append(compiled.fusion())
                .append(" (").append(compiled.schedule()).append("), ").append(compiled.groups().size())
                .append(compiled.groups().size() == 1 ? " group\n" : " groups\n");
        for (CompiledGroup group : compiled.groups()) {
            text.append("group g").append(group.index()).append(": assignments ").append(group.assignments())
                    .append('\n');
            for (int a : group.assignments()) {
                text.append("  ").append(a).append(": ").append(compiled.program().assignments().get(a)).append('\n');
            }
            text.append("  order ").append(group.order().name()).append(" (").append(group.validOrders().size())
                    .append(" valid: ").append(String.join(" ", group.validOrders())).append(")\n");
            Map<String, Integer> counts = group.graph().opCounts();
            int total = counts.values().stream().mapToInt(Integer::intValue).sum();
            text.append("  ops ").append(total).append(':');
            counts.forEach((kind, n) -> text.append(' ').append(kind).append('=').append(n));
            text.append('\n');
        }
        return text.toString();
    }
}
