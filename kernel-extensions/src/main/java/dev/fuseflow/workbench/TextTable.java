package dev.fuseflow.workbench;

import java.util.List;

/** Columns of text aligned for a terminal: numbers right-aligned, text left-aligned, two spaces between. */
final class TextTable {
    private TextTable() {
    }

    static String render(List<String> headers, List<List<String>> rows) {
        int[] widths = new int[headers.size()];
        boolean[] numeric = new boolean[headers.size()];
        for (int c = 0; c < headers.size(); c++) {
            widths[c] = headers.get(c).length();
            numeric[c] = true;
            for (List<String> row : rows) {
                String cell = row.get(c);
                widths[c] = Math.max(widths[c], cell.length());
                numeric[c] &= cell.isEmpty() || cell.matches("-?[0-9.,]+(e-?\\d+)?|infinity|NaN");
            }
        }
        StringBuilder text = new StringBuilder();
        line(text, headers, widths, numeric);
        for (List<String> row : rows) {
            line(text, row, widths, numeric);
        }
        return text.toString();
    }

    private static void line(StringBuilder text, List<String> cells, int[] widths, boolean[] numeric) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            String pad = " ".repeat(widths[c] - cell.length());
            line.append(c == 0 ? "" : "  ").append(numeric[c] ? pad + cell : cell + pad);
        }
        text.append(line.toString().stripTrailing()).append('\n');
    }
}
