package dev.fuseflow.compiler.export;

import dev.fuseflow.compiler.CompiledGroup;
import dev.fuseflow.compiler.CompiledProgram;
import dev.fuseflow.compiler.Compiler;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code --emit summary}: per group the assignments, the chosen dataflow order with its position among the
 * valid orders, how many valid orders there are ("≥ N" when the enumeration stopped at its limit, since
 * more may exist), and op counts per primitive kind; then the totals over all groups. Stable text for
 * golden tests.
 */
public final class SummaryPrinter {
    /** Valid orders named in full; beyond this the line would stop being readable. */
    static final int NAMED_ORDERS = 12;

    private SummaryPrinter() {
    }

    public static String print(CompiledProgram compiled) {
        StringBuilder text = new StringBuilder();
        text.append("program ").append(compiled.program().name()).append(", fusion ").append(compiled.fusion())
                .append(" (").append(compiled.schedule()).append("), ").append(compiled.groups().size())
                .append(compiled.groups().size() == 1 ? " group\n" : " groups\n");
        Map<String, Integer> total = new TreeMap<>();
        for (CompiledGroup group : compiled.groups()) {
            text.append("group g").append(group.index()).append(": assignments ").append(group.assignments())
                    .append('\n');
            for (int a : group.assignments()) {
                text.append("  ").append(a).append(": ").append(compiled.program().assignments().get(a)).append('\n');
            }
            text.append("  order ").append(orderLine(group)).append('\n');
            Map<String, Integer> counts = group.graph().opCounts();
            counts.forEach((kind, n) -> total.merge(kind, n, Integer::sum));
            text.append("  ops ").append(countLine(counts)).append('\n');
        }
        if (compiled.groups().size() > 1) {
            text.append("total ops ").append(countLine(total)).append('\n');
        }
        return text.toString();
    }

    /** The number of valid orders as a reader should take it: exact, or a lower bound at the limit. */
    public static String validOrderCount(int enumerated) {
        return enumerated >= Compiler.ORDER_LIMIT ? "≥ " + enumerated : Integer.toString(enumerated);
    }

    private static String orderLine(CompiledGroup group) {
        List<String> valid = group.validOrders();
        StringBuilder line = new StringBuilder(group.order().name());
        int position = valid.indexOf(group.order().name());
        line.append(" (");
        if (position >= 0) {
            line.append('#').append(position + 1).append(" of ");
        }
        line.append(validOrderCount(valid.size())).append(valid.size() == 1 ? " valid order: " : " valid orders: ");
        line.append(String.join(" ", valid.subList(0, Math.min(valid.size(), NAMED_ORDERS))));
        if (valid.size() > NAMED_ORDERS) {
            line.append(" …");
        }
        return line.append(')').toString();
    }

    private static String countLine(Map<String, Integer> counts) {
        StringBuilder line = new StringBuilder();
        line.append(counts.values().stream().mapToInt(Integer::intValue).sum()).append(':');
        counts.forEach((kind, n) -> line.append(' ').append(kind).append('=').append(n));
        return line.toString();
    }
}
