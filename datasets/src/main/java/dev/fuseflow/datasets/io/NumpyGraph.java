package dev.fuseflow.datasets.io;

import dev.fuseflow.datasets.DenseMatrix;
import dev.fuseflow.datasets.SparseMatrix;
import dev.fuseflow.diagnostics.UserError;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Graphs and sparse matrices stored with NumPy:
 * <ul>
 *   <li>a {@code .npy} holding an integer {@code edge_index} of shape (2, E), as PyG and OGB keep it;</li>
 *   <li>an {@code .npz} with an {@code edge_index} member (optionally {@code num_nodes} and node features
 *       {@code x} or {@code node_feat}, N×F);</li>
 *   <li>an {@code .npz} written by {@code scipy.sparse.save_npz} in CSR, CSC or COO format.</li>
 * </ul>
 * An edge_index keeps its entries as given (PyG stores undirected graphs in both directions already);
 * repeated entries collapse to one.
 */
public final class NumpyGraph {
    private static final List<String> SCIPY_FORMATS = List.of("csr", "csc", "coo");

    /** A loaded matrix and, when the file has them, its node features. */
    public record Loaded(SparseMatrix matrix, Optional<DenseMatrix> features) {
    }

    private NumpyGraph() {
    }

    /** @param nodes the node count for an edge_index, or 0 to use {@code num_nodes} or the largest id + 1 */
    public static Loaded read(Path file, int nodes) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".npy")) {
            return new Loaded(fromEdgeIndex(Npy.read(file), nodes), Optional.empty());
        }
        Map<String, NpyArray> arrays = Npz.read(file);
        if (arrays.containsKey("format")) {
            return new Loaded(fromScipy(file, arrays), Optional.empty());
        }
        if (arrays.containsKey("edge_index")) {
            int count = nodes;
            if (count == 0 && arrays.containsKey("num_nodes")) {
                NpyArray n = arrays.get("num_nodes");
                if (!n.isInteger() || n.count() != 1) {
                    throw UserError.of(n.source() + ": num_nodes should be one integer, found shape " + n.shapeText()
                            + " of " + n.descr());
                }
                count = Math.toIntExact(n.longAt(0));
            }
            SparseMatrix matrix = fromEdgeIndex(arrays.get("edge_index"), count);
            NpyArray x = arrays.containsKey("x") ? arrays.get("x") : arrays.get("node_feat");
            Optional<DenseMatrix> features = Optional.empty();
            if (x != null) {
                if (x.shape().length != 2 || x.shape()[0] != matrix.rowCount()) {
                    throw UserError.of(x.source() + ": node features of shape " + x.shapeText() + " do not match the "
                            + matrix.rowCount() + " nodes of the edge_index; expected (" + matrix.rowCount() + ", F)");
                }
                features = Optional.of(new DenseMatrix(x.shape()[0], x.shape()[1], x.toFloats()));
            }
            return new Loaded(matrix, features);
        }
        throw UserError.of(file + ": the archive holds " + arrays.keySet() + ", but neither scipy.sparse members "
                + "(format, shape, indptr/indices/data or row/col/data) nor an edge_index");
    }

    /** An integer (2, E) array of source and target ids. */
    public static SparseMatrix fromEdgeIndex(NpyArray array, int nodes) {
        int[] shape = array.shape();
        if (!array.isInteger() || shape.length != 2 || shape[0] != 2) {
            throw UserError.of(array.source() + ": an edge_index must be an integer array of shape (2, E), found "
                    + array.descr() + " of shape " + array.shapeText());
        }
        long[] ids = array.toLongs();
        int edges = shape[1];
        long largest = -1;
        for (long id : ids) {
            if (id < 0) {
                throw UserError.of(array.source() + ": edge_index holds the negative node id " + id);
            }
            largest = Math.max(largest, id);
        }
        int count = nodes > 0 ? nodes : (int) Math.min(Integer.MAX_VALUE - 8L, largest + 1);
        if (largest >= count) {
            long at = 0;
            while (ids[(int) at] != largest) {
                at++;
            }
            throw UserError.of(array.source() + ": edge " + (at % edges) + " names node " + largest + ", outside 0.."
                    + (count - 1) + " (" + count + " nodes)");
        }
        CooBuilder coo = new CooBuilder();
        for (int e = 0; e < edges; e++) {
            coo.add((int) ids[e], (int) ids[edges + e], 1f);
        }
        return coo.build(count, count, CooBuilder.Repeats.COLLAPSE);
    }

    /** A matrix saved by {@code scipy.sparse.save_npz}. */
    public static SparseMatrix fromScipy(Path file, Map<String, NpyArray> arrays) {
        String format = member(file, arrays, "format").asString();
        if (!SCIPY_FORMATS.contains(format)) {
            throw UserError.of(file + ": scipy.sparse format '" + format + "' is not supported", SCIPY_FORMATS);
        }
        NpyArray shapeArray = member(file, arrays, "shape");
        if (!shapeArray.isInteger() || shapeArray.count() != 2) {
            throw UserError.of(shapeArray.source() + ": shape should hold 2 integers, found " + shapeArray.shapeText());
        }
        long[] shape = shapeArray.toLongs();
        if (shape[0] < 0 || shape[1] < 0 || shape[0] > Integer.MAX_VALUE || shape[1] > Integer.MAX_VALUE) {
            throw UserError.of(shapeArray.source() + ": the shape " + shape[0] + "x" + shape[1] + " is not a usable matrix size");
        }
        int rows = (int) shape[0];
        int cols = (int) shape[1];
        float[] data = member(file, arrays, "data").toFloats();
        CooBuilder coo = new CooBuilder();
        if (format.equals("coo")) {
            long[] r = indices(file, arrays, "row", data.length, rows);
            long[] c = indices(file, arrays, "col", data.length, cols);
            for (int e = 0; e < data.length; e++) {
                coo.add((int) r[e], (int) c[e], data[e]);
            }
        } else {
            boolean csr = format.equals("csr");
            int outer = csr ? rows : cols;
            long[] indptr = indices(file, arrays, "indptr", outer + 1, Integer.MAX_VALUE);
            long[] index = indices(file, arrays, "indices", data.length, csr ? cols : rows);
            if (indptr[0] != 0 || indptr[outer] != data.length) {
                throw UserError.of(file + "[indptr]: indptr must run from 0 to the " + data.length + " stored entries, "
                        + "but runs from " + indptr[0] + " to " + indptr[outer]);
            }
            for (int o = 0; o < outer; o++) {
                if (indptr[o + 1] < indptr[o]) {
                    throw UserError.of(file + "[indptr]: indptr decreases at position " + (o + 1));
                }
                for (long p = indptr[o]; p < indptr[o + 1]; p++) {
                    int inner = (int) index[(int) p];
                    coo.add(csr ? o : inner, csr ? inner : o, data[(int) p]);
                }
            }
        }
        return coo.build(rows, cols, CooBuilder.Repeats.SUM);
    }

    private static NpyArray member(Path file, Map<String, NpyArray> arrays, String name) {
        NpyArray array = arrays.get(name);
        if (array == null) {
            throw UserError.of(file + ": the scipy.sparse archive lacks its '" + name + "' member");
        }
        return array;
    }

    private static long[] indices(Path file, Map<String, NpyArray> arrays, String name, int length, long bound) {
        NpyArray array = member(file, arrays, name);
        if (!array.isInteger() || array.shape().length != 1 || array.count() != length) {
            throw UserError.of(array.source() + ": " + name + " should be " + length + " integers, found " + array.descr()
                    + " of shape " + array.shapeText());
        }
        long[] values = array.toLongs();
        for (int i = 0; i < values.length; i++) {
            if (values[i] < 0 || values[i] >= bound) {
                throw UserError.of(array.source() + ": entry " + i + " of " + name + " is " + values[i] + ", outside 0.."
                        + (bound - 1));
            }
        }
        return values;
    }
}
