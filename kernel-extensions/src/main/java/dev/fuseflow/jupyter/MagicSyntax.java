package dev.fuseflow.jupyter;

import dev.fuseflow.diagnostics.UserError;
import java.util.ArrayList;
import java.util.List;

/**
 * How the kernel reads a cell: Java code, {@code %name args} line magics and a {@code %%name args} cell
 * magic. The kernel parses magics itself (jjava's MagicParser is bypassed).
 *
 * <ul>
 *   <li>If the first non-blank line starts with {@code %%}, the whole cell is one cell magic: that line
 *       holds the name and the arguments, the remaining lines are the body.</li>
 *   <li>Otherwise every line whose first non-blank characters are {@code %} followed by a letter is a line
 *       magic, and the runs of other lines between them are Java, evaluated in order.</li>
 * </ul>
 *
 * <p>Arguments are split like a POSIX shell splits words: whitespace separates words, {@code '...'} is
 * literal, {@code "..."} keeps spaces and honours {@code \"} and {@code \\}, a backslash outside quotes
 * escapes the next character, and a {@code #} that starts a word begins a comment.
 */
final class MagicSyntax {

    private MagicSyntax() {
    }

    /** One piece of a cell, in the order it runs. */
    sealed interface Part permits JavaCode, LineMagic, CellMagic {
    }

    /** Java source; {@code firstLine} is the 1-based line of the cell where it starts. */
    record JavaCode(String code, int firstLine) implements Part {
    }

    /** {@code %name args} on line {@code line} (1-based). */
    record LineMagic(String name, List<String> args, int line) implements Part {
    }

    /** {@code %%name args} on the first line, and the rest of the cell as {@code body}. */
    record CellMagic(String name, List<String> args, String body) implements Part {
    }

    /** Splits a cell into the parts it runs, in order. Blank Java runs are dropped. */
    static List<Part> parse(String cell) {
        List<String> lines = lines(cell);
        List<Part> parts = new ArrayList<>();
        int first = 0;
        while (first < lines.size() && lines.get(first).isBlank()) {
            first++;
        }
        if (first < lines.size() && lines.get(first).strip().startsWith("%%")) {
            String header = lines.get(first).strip().substring(2);
            String name = firstWord(header);
            List<String> args = tokenize(header.substring(name.length()));
            String body = String.join("\n", lines.subList(first + 1, lines.size()));
            parts.add(new CellMagic(name, args, body));
            return parts;
        }
        List<String> java = new ArrayList<>();
        int javaStart = 1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String stripped = line.strip();
            if (stripped.startsWith("%%")) {
                throw UserError.of("a cell magic such as %%" + firstWord(stripped.substring(2))
                        + " must be on the first line of the cell (line " + (i + 1) + " is not)");
            }
            if (isLineMagic(line)) {
                flushJava(parts, java, javaStart);
                String text = stripped.substring(1);
                String name = firstWord(text);
                parts.add(new LineMagic(name, tokenize(text.substring(name.length())), i + 1));
            } else {
                if (java.isEmpty()) {
                    javaStart = i + 1;
                }
                java.add(line);
            }
        }
        flushJava(parts, java, javaStart);
        return parts;
    }

    /** True for a line such as {@code %fuseflow simulate ...} (not {@code %%...}, not {@code % 3}). */
    static boolean isLineMagic(String line) {
        String stripped = line.stripLeading();
        return stripped.length() > 1 && stripped.charAt(0) == '%' && Character.isLetter(stripped.charAt(1));
    }

    /** True when the first non-blank line of the cell starts with {@code %%}. */
    static boolean isCellMagic(String cell) {
        for (String line : lines(cell)) {
            if (!line.isBlank()) {
                return line.strip().startsWith("%%");
            }
        }
        return false;
    }

    /**
     * The cell as JShell should see it for analysis (completion, inspection, completeness): every magic line
     * is replaced by spaces of the same length, so offsets in the cell and in the result agree.
     */
    static String javaView(String cell) {
        StringBuilder view = new StringBuilder(cell.length());
        int start = 0;
        while (start <= cell.length()) {
            int end = cell.indexOf('\n', start);
            int stop = end < 0 ? cell.length() : end;
            String line = cell.substring(start, stop);
            if (isLineMagic(line) || line.strip().startsWith("%%")) {
                view.append(" ".repeat(line.length()));
            } else {
                view.append(line);
            }
            if (end < 0) {
                break;
            }
            view.append('\n');
            start = end + 1;
        }
        return view.toString();
    }

    /** Splits magic arguments into words like a POSIX shell (quotes, backslashes, # comments). */
    static List<String> tokenize(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
            } else if (c == '#' && !inWord) {
                int end = text.indexOf('\n', i);
                i = end < 0 ? n : end;
            } else if (c == '\'') {
                int end = text.indexOf('\'', i + 1);
                if (end < 0) {
                    throw UserError.of("unterminated single quote in the magic arguments '" + text.strip()
                            + "'; close it with another '");
                }
                word.append(text, i + 1, end);
                inWord = true;
                i = end + 1;
            } else if (c == '"') {
                i++;
                boolean closed = false;
                while (i < n) {
                    char d = text.charAt(i);
                    if (d == '"') {
                        closed = true;
                        i++;
                        break;
                    }
                    if (d == '\\' && i + 1 < n && "\"\\$`".indexOf(text.charAt(i + 1)) >= 0) {
                        word.append(text.charAt(i + 1));
                        i += 2;
                    } else {
                        word.append(d);
                        i++;
                    }
                }
                if (!closed) {
                    throw UserError.of("unterminated double quote in the magic arguments '" + text.strip()
                            + "'; close it with another \"");
                }
                inWord = true;
            } else if (c == '\\') {
                if (i + 1 < n) {
                    char next = text.charAt(i + 1);
                    if (next != '\n') {
                        word.append(next);
                        inWord = true;
                    }
                    i += 2;
                } else {
                    i++;
                }
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    private static void flushJava(List<Part> parts, List<String> java, int firstLine) {
        String code = String.join("\n", java);
        if (!code.isBlank()) {
            parts.add(new JavaCode(code, firstLine));
        }
        java.clear();
    }

    private static String firstWord(String text) {
        int end = 0;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
            end++;
        }
        return text.substring(0, end);
    }

    private static List<String> lines(String cell) {
        List<String> lines = new ArrayList<>();
        for (String line : cell.split("\n", -1)) {
            lines.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
        }
        return lines;
    }
}
