package dev.fuseflow.plots;

import dev.fuseflow.diagnostics.UserError;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Read access to a table of sweep rows by column name: text and numbers of a cell, the rows that ran (no error,
 * cycles present), and labels made of the columns that vary. A table without a column a plot needs is a user
 * error naming it.
 */
final class SweepTable {
    /** The columns that say what a configuration is, in the order labels list them. */
    static final List<String> COORDINATES = List.of("model", "dataset", "fusion", "schedule", "order", "par",
            "values", "block", "timing", "fifo", "memory", "decoders");

    private final Table table;
    private final String plot;

    SweepTable(Table table, String plot) {
        this.table = table;
        this.plot = plot;
    }

    Table table() {
        return table;
    }

    boolean has(String column) {
        return table.columnNames().contains(column);
    }

    void require(String... columns) {
        for (String column : columns) {
            if (!has(column)) {
                throw UserError.of("the " + plot + " plot needs a '" + column + "' column, which this table lacks "
                        + "(it has " + String.join(", ", table.columnNames()) + ")");
            }
        }
    }

    /** The cell as text; empty for a missing column or value. */
    String text(int row, String column) {
        if (!has(column)) {
            return "";
        }
        Column<?> c = table.column(column);
        return c.isMissing(row) ? "" : c.getString(row);
    }

    /** The cell as a number; NaN for a missing column or value. */
    double number(int row, String column) {
        if (!has(column)) {
            return Double.NaN;
        }
        Column<?> c = table.column(column);
        if (c.isMissing(row)) {
            return Double.NaN;
        }
        Object value = c.get(row);
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(c.getString(row));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Rows that ran: no error and a cycle count. */
    List<Integer> ranRows() {
        List<Integer> rows = new ArrayList<>();
        for (int r = 0; r < table.rowCount(); r++) {
            if (text(r, "error").isEmpty() && !Double.isNaN(number(r, "cycles"))) {
                rows.add(r);
            }
        }
        return rows;
    }

    /** Coordinate columns (other than {@code except}) that take more than one value among {@code rows}. */
    List<String> varying(List<Integer> rows, List<String> except) {
        List<String> varying = new ArrayList<>();
        for (String column : COORDINATES) {
            if (!except.contains(column) && has(column)) {
                Set<String> values = new LinkedHashSet<>();
                rows.forEach(r -> values.add(text(r, column)));
                if (values.size() > 1) {
                    varying.add(column);
                }
            }
        }
        return varying;
    }

    /** The row's values of {@code columns} joined with " · ", or {@code fallback} when there are none. */
    String label(int row, List<String> columns, String fallback) {
        List<String> parts = new ArrayList<>();
        for (String column : columns) {
            String value = text(row, column);
            parts.add(column.equals("block") ? "b" + value : column.equals("par") ? "par " + value : value);
        }
        return parts.isEmpty() ? fallback : String.join(" · ", parts);
    }
}
