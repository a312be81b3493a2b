package dev.fuseflow.compiler.reference;

import dev.fuseflow.compiler.ir.TensorDecl;
import dev.fuseflow.simulator.tensor.LevelFormat;

/**
 * The pattern a tensor has once written in its declared format: walking the levels in storage order, a
 * dense level stores every coordinate below a stored parent, a compressed level only the coordinates
 * that lead to a computed entry. Newly stored entries are explicit zeros.
 */
final class StoredFormat {
    private StoredFormat() {
    }

    static ReferenceTensor apply(ReferenceTensor tensor, TensorDecl decl) {
        int rank = tensor.shape().length;
        if (rank == 0 || !decl.formats().contains(LevelFormat.DENSE)) {
            return tensor;
        }
        int[] order = decl.modeOrderArray();
        int[] levelSize = new int[rank];
        for (int level = 0; level < rank; level++) {
            levelSize[level] = tensor.shape()[order[level]];
        }
        // prefixes[l][k]: some computed entry has the storage-order prefix k of levels 0..l
        boolean[][] prefixes = new boolean[rank][];
        int span = 1;
        for (int level = 0; level < rank; level++) {
            span *= levelSize[level];
            prefixes[level] = new boolean[span];
        }
        int size = tensor.size();
        int[] coord = new int[rank];
        for (int position = 0; position < size; position++) {
            if (tensor.stored()[position]) {
                unflatten(position, tensor.shape(), coord);
                int prefix = 0;
                for (int level = 0; level < rank; level++) {
                    prefix = prefix * levelSize[level] + coord[order[level]];
                    prefixes[level][prefix] = true;
                }
            }
        }
        boolean[] stored = new boolean[size];
        for (int position = 0; position < size; position++) {
            unflatten(position, tensor.shape(), coord);
            boolean present = true;
            int prefix = 0;
            for (int level = 0; level < rank && present; level++) {
                prefix = prefix * levelSize[level] + coord[order[level]];
                present = decl.formats().get(level) == LevelFormat.DENSE || prefixes[level][prefix];
            }
            stored[position] = present;
        }
        return new ReferenceTensor(tensor.name(), tensor.shape(), tensor.values(), stored, tensor.magnitude());
    }

    /** Row-major logical coordinates of a flat position. */
    private static void unflatten(int position, int[] shape, int[] coord) {
        int rest = position;
        for (int mode = shape.length - 1; mode >= 0; mode--) {
            coord[mode] = rest % shape[mode];
            rest /= shape[mode];
        }
    }
}
