package dev.fuseflow.datasets.io;

import dev.fuseflow.datasets.SparseMatrix;
import dev.fuseflow.diagnostics.UserError;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Edge lists: one edge per line as {@code source target [weight]}, separated by commas, tabs or spaces (CSV,
 * TSV, whitespace), with an optional header line first and {@code #} or {@code %} comment lines anywhere.
 * Node ids are non-negative integers (0-based, or 1-based with {@code base=1}). Repeated edges collapse to
 * one (0/1 adjacency, as the artifact's dense path does); with weights they add up, as scipy does.
 */
public final class EdgeList {
    private static final Pattern SEPARATOR = Pattern.compile("\\s*[,\\t]\\s*|\\s+");

    /**
     * @param nodes     the node count, or 0 to take the largest id + 1
     * @param oneBased  ids start at 1
     * @param symmetric store every edge in both directions too (PyG's {@code to_undirected})
     */
    public record Options(int nodes, boolean oneBased, boolean symmetric) {
        public static final Options DEFAULT = new Options(0, false, false);
    }

    private EdgeList() {
    }

    public static SparseMatrix read(Path file, Options options) {
        CooBuilder coo = new CooBuilder();
        int columns = 0;
        boolean weighted = false;
        long largest = -1;
        boolean sawContent = false;
        try (LineSource in = LineSource.open(file)) {
            String text;
            while ((text = in.next()) != null) {
                String trimmed = text.trim();
                if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("%")) {
                    continue;
                }
                String[] tokens = SEPARATOR.split(trimmed);
                if (!sawContent) {
                    sawContent = true;
                    if (!isInteger(tokens[0])) {
                        continue; // a header such as "source,target"
                    }
                }
                if (columns == 0) {
                    if (tokens.length != 2 && tokens.length != 3) {
                        throw in.error(1, "expected 'source target' or 'source target weight', found " + tokens.length
                                + " fields in '" + trimmed + "'");
                    }
                    columns = tokens.length;
                    weighted = columns == 3;
                } else if (tokens.length != columns) {
                    throw in.error(1, "expected " + columns + " fields like the lines before, found " + tokens.length
                            + " in '" + trimmed + "'");
                }
                int source = node(in, text, tokens[0], options);
                int target = node(in, text, tokens[1], options);
                float weight = 1f;
                if (weighted) {
                    try {
                        weight = Float.parseFloat(tokens[2]);
                    } catch (NumberFormatException e) {
                        throw in.error(text, tokens[2], "the weight '" + tokens[2] + "' is not a number");
                    }
                }
                largest = Math.max(largest, Math.max(source, target));
                coo.add(source, target, weight);
                if (options.symmetric() && source != target) {
                    coo.add(target, source, weight);
                }
            }
        }
        if (coo.size() == 0) {
            throw UserError.of("edge list " + file + " holds no edges; expected lines such as '0,1' or '0 1'");
        }
        int nodes = options.nodes() > 0 ? options.nodes() : (int) largest + 1;
        return coo.build(nodes, nodes, weighted ? CooBuilder.Repeats.SUM : CooBuilder.Repeats.COLLAPSE);
    }

    private static boolean isInteger(String token) {
        return token.matches("[+-]?\\d+");
    }

    private static int node(LineSource in, String text, String token, Options options) {
        long id;
        try {
            id = Long.parseLong(token);
        } catch (NumberFormatException e) {
            throw in.error(text, token, "the node id '" + token + "' is not an integer (a header is allowed only on "
                    + "the first line)");
        }
        long index = options.oneBased() ? id - 1 : id;
        long limit = options.nodes() > 0 ? options.nodes() : Integer.MAX_VALUE - 8L;
        if (index < 0 || index >= limit) {
            long first = options.oneBased() ? 1 : 0;
            throw in.error(text, token, "the node id " + id + " is outside " + first + ".." + (limit - 1 + first)
                    + (options.nodes() > 0 ? " (nodes=" + options.nodes() + ")" : "")
                    + (options.oneBased() ? " (ids are 1-based: base=1)" : " (ids are 0-based; use base=1 for 1-based files)"));
        }
        return (int) index;
    }

    /** Writes {@code source<sep>target} lines with a header, 0-based; never overwrites. */
    public static void write(Path file, SparseMatrix matrix, char separator, boolean withWeights) {
        try (BufferedWriter out = NewFiles.create(file)) {
            out.write("source" + separator + "target" + (withWeights ? separator + "weight" : "") + "\n");
            for (int e = 0; e < matrix.nnz(); e++) {
                out.write(matrix.rows()[e] + "" + separator + matrix.cols()[e]);
                if (withWeights) {
                    out.write(separator + Float.toString(matrix.values()[e]));
                }
                out.write('\n');
            }
        } catch (IOException e) {
            throw UserError.of("cannot write " + file + " (" + e.getMessage() + ")");
        }
    }
}
