package dev.fuseflow.datasets.io;

import dev.fuseflow.datasets.DataPart;
import dev.fuseflow.datasets.DenseMatrix;
import dev.fuseflow.datasets.SparseMatrix;
import dev.fuseflow.diagnostics.UserError;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Matrix Market files ({@code .mtx}, NIST's exchange format): the {@code %%MatrixMarket matrix} header,
 * {@code coordinate} (1-based {@code i j [value]} lines) or {@code array} (values column by column), field
 * {@code real}, {@code integer} or {@code pattern} (coordinate only), symmetry {@code general} or
 * {@code symmetric} (only the lower triangle is listed; it is mirrored on reading). A coordinate listed twice
 * is summed, as scipy does. Complex and Hermitian matrices are refused.
 */
public final class MatrixMarket {
    private static final List<String> HEADERS = List.of("%%MatrixMarket matrix coordinate real|integer|pattern general|symmetric",
            "%%MatrixMarket matrix array real|integer general|symmetric");

    private MatrixMarket() {
    }

    /** A coordinate file as a {@link SparseMatrix}, an array file as a {@link DenseMatrix}. */
    public static DataPart read(Path file) {
        try (LineSource in = LineSource.open(file)) {
            String header = in.next();
            if (header == null) {
                throw UserError.at(file.toString(), 1, 1, "the file is empty; a Matrix Market file starts with a "
                        + "%%MatrixMarket header line");
            }
            String[] words = header.trim().toLowerCase(Locale.ROOT).split("\\s+");
            if (words.length != 5 || !words[0].equals("%%matrixmarket") || !words[1].equals("matrix")) {
                throw UserError.of(file + ":1:1: the header '" + header.trim() + "' is not a Matrix Market matrix header",
                        HEADERS);
            }
            boolean coordinate = choice(in, header, words[2], "format", List.of("coordinate", "array"));
            String field = words[3];
            List<String> fields = coordinate ? List.of("real", "double", "integer", "pattern") : List.of("real", "double", "integer");
            if (!fields.contains(field)) {
                throw in.error(header.toLowerCase(Locale.ROOT), field, "field '" + field + "' is not supported for "
                        + words[2] + " files (accepted: " + String.join(", ", fields) + ")");
            }
            boolean symmetric = !choice(in, header, words[4], "symmetry", List.of("general", "symmetric"));
            String sizeLine = nextContent(in);
            if (sizeLine == null) {
                throw in.error(1, "the file ends before the size line (" + (coordinate ? "rows cols entries" : "rows cols") + ")");
            }
            long[] size = integers(in, sizeLine, coordinate ? 3 : 2, coordinate ? "rows cols entries" : "rows cols");
            if (size[0] > Integer.MAX_VALUE || size[1] > Integer.MAX_VALUE) {
                throw in.error(1, "the size " + size[0] + "x" + size[1] + " is too large (at most 2147483647 per side)");
            }
            int rows = (int) size[0];
            int cols = (int) size[1];
            if (symmetric && rows != cols) {
                throw in.error(1, "a symmetric matrix must be square, but the size line says " + rows + "x" + cols);
            }
            return coordinate ? readCoordinate(in, rows, cols, size[2], field.equals("pattern"), field.equals("integer"), symmetric)
                    : readArray(in, rows, cols, field.equals("integer"), symmetric);
        }
    }

    private static boolean choice(LineSource in, String header, String word, String what, List<String> accepted) {
        if (!accepted.contains(word)) {
            throw in.error(header.toLowerCase(Locale.ROOT), word, what + " '" + word + "' is not supported (accepted: "
                    + String.join(", ", accepted) + ")");
        }
        return word.equals(accepted.get(0));
    }

    private static SparseMatrix readCoordinate(LineSource in, int rows, int cols, long entries, boolean pattern,
            boolean integer, boolean symmetric) {
        CooBuilder coo = new CooBuilder();
        int fields = pattern ? 2 : 3;
        long seen = 0;
        String text;
        while ((text = nextContent(in)) != null) {
            if (seen == entries) {
                throw in.error(1, "the file lists more than the " + entries + " entries its size line declares");
            }
            String[] tokens = text.trim().split("\\s+");
            if (tokens.length != fields) {
                throw in.error(1, "expected " + fields + " numbers (" + (pattern ? "row col" : "row col value")
                        + "), found " + tokens.length + " in '" + text.trim() + "'");
            }
            int row = index(in, text, tokens[0], rows, "row");
            int col = index(in, text, tokens[1], cols, "column");
            float value = pattern ? 1f : value(in, text, tokens[2], integer);
            if (symmetric && col > row) {
                throw in.error(text, tokens[1], "entry (" + (row + 1) + ", " + (col + 1) + ") lies above the diagonal, "
                        + "but a symmetric file lists only the lower triangle (row >= column)");
            }
            coo.add(row, col, value);
            if (symmetric && row != col) {
                coo.add(col, row, value);
            }
            seen++;
        }
        if (seen < entries) {
            throw in.error(1, "the file ends after " + seen + " of the " + entries + " entries its size line declares "
                    + "(truncated?)");
        }
        return coo.build(rows, cols, CooBuilder.Repeats.SUM);
    }

    private static DenseMatrix readArray(LineSource in, int rows, int cols, boolean integer, boolean symmetric) {
        long expected = symmetric ? (long) rows * (rows + 1) / 2 : (long) rows * cols;
        if ((long) rows * cols > Integer.MAX_VALUE - 8) {
            throw in.error(1, "a dense " + rows + "x" + cols + " matrix is too large to hold in memory here");
        }
        float[] values = new float[rows * cols];
        long seen = 0;
        int row = 0;
        int col = 0;
        String text;
        while ((text = nextContent(in)) != null) {
            for (String token : text.trim().split("\\s+")) {
                if (seen == expected) {
                    throw in.error(text, token, "the file holds more than the " + expected + " values a "
                            + (symmetric ? "symmetric " : "") + rows + "x" + cols + " array needs");
                }
                float value = value(in, text, token, integer);
                values[row * cols + col] = value;
                if (symmetric) {
                    values[col * cols + row] = value;
                }
                seen++;
                // column-major order; a symmetric file lists each column from the diagonal down
                if (++row == rows) {
                    col++;
                    row = symmetric ? col : 0;
                }
            }
        }
        if (seen < expected) {
            throw in.error(1, "the file ends after " + seen + " of the " + expected + " values its size line declares "
                    + "(truncated?)");
        }
        return new DenseMatrix(rows, cols, values);
    }

    /** The next line that is neither blank nor a {@code %} comment. */
    private static String nextContent(LineSource in) {
        String text;
        while ((text = in.next()) != null) {
            String trimmed = text.trim();
            if (!trimmed.isEmpty() && !trimmed.startsWith("%")) {
                return text;
            }
        }
        return null;
    }

    private static long[] integers(LineSource in, String text, int count, String what) {
        String[] tokens = text.trim().split("\\s+");
        if (tokens.length != count) {
            throw in.error(1, "the size line should hold " + count + " integers (" + what + "), found '" + text.trim() + "'");
        }
        long[] values = new long[count];
        for (int i = 0; i < count; i++) {
            try {
                values[i] = Long.parseLong(tokens[i]);
            } catch (NumberFormatException e) {
                values[i] = -1;
            }
            if (values[i] < 0) {
                throw in.error(text, tokens[i], "the size line should hold non-negative integers (" + what + "), found '"
                        + tokens[i] + "'");
            }
        }
        return values;
    }

    private static int index(LineSource in, String text, String token, int size, String what) {
        long value;
        try {
            value = Long.parseLong(token);
        } catch (NumberFormatException e) {
            throw in.error(text, token, "the " + what + " index '" + token + "' is not an integer");
        }
        if (value < 1 || value > size) {
            throw in.error(text, token, "the " + what + " index " + value + " is outside 1.." + size
                    + " (Matrix Market indices are 1-based)");
        }
        return (int) (value - 1);
    }

    private static float value(LineSource in, String text, String token, boolean integer) {
        try {
            return integer ? (float) Long.parseLong(token) : Float.parseFloat(token);
        } catch (NumberFormatException e) {
            throw in.error(text, token, "'" + token + "' is not " + (integer ? "an integer" : "a number")
                    + " (the header declares " + (integer ? "integer" : "real") + " values)");
        }
    }

    /** Writes a coordinate {@code real general} file (or {@code pattern} when {@code pattern}); never overwrites. */
    public static void writeCoordinate(Path file, SparseMatrix matrix, boolean pattern) {
        try (BufferedWriter out = NewFiles.create(file)) {
            out.write("%%MatrixMarket matrix coordinate " + (pattern ? "pattern" : "real") + " general\n");
            out.write("% written by FuseFlow\n");
            out.write(matrix.rowCount() + " " + matrix.colCount() + " " + matrix.nnz() + "\n");
            for (int e = 0; e < matrix.nnz(); e++) {
                out.write((matrix.rows()[e] + 1) + " " + (matrix.cols()[e] + 1));
                if (!pattern) {
                    out.write(" " + Float.toString(matrix.values()[e]));
                }
                out.write('\n');
            }
        } catch (IOException e) {
            throw UserError.of("cannot write " + file + " (" + e.getMessage() + ")");
        }
    }

    /** Writes an {@code array real general} file, column by column; never overwrites. */
    public static void writeArray(Path file, DenseMatrix matrix) {
        try (BufferedWriter out = NewFiles.create(file)) {
            out.write("%%MatrixMarket matrix array real general\n");
            out.write(matrix.rowCount() + " " + matrix.colCount() + "\n");
            for (int c = 0; c < matrix.colCount(); c++) {
                for (int r = 0; r < matrix.rowCount(); r++) {
                    out.write(Float.toString(matrix.get(r, c)));
                    out.write('\n');
                }
            }
        } catch (IOException e) {
            throw UserError.of("cannot write " + file + " (" + e.getMessage() + ")");
        }
    }
}
