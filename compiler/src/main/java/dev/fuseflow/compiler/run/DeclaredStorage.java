package dev.fuseflow.compiler.run;

import dev.fuseflow.compiler.ir.TensorDecl;
import dev.fuseflow.simulator.tensor.CompressedLevel;
import dev.fuseflow.simulator.tensor.DenseLevel;
import dev.fuseflow.simulator.tensor.FiberTensor;
import dev.fuseflow.simulator.tensor.Level;
import dev.fuseflow.simulator.tensor.LevelFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A group output as the writers leave it (every level compressed, in the order the group iterated) rebuilt in the
 * formats and mode order the program declares, so the later groups and the check read what the program says.
 *
 * <p>The stored entries stay the same, and a coordinate above the leaves whose fiber holds none is not stored (the
 * writers keep such a coordinate; the reference does not). When the mode order is the declared one, the levels are
 * converted one by one, a few bytes per entry; only a changed mode order goes through coordinates, which costs
 * tens of bytes per entry (MAG's class scores have 257 M).
 */
final class DeclaredStorage {
    private DeclaredStorage() {
    }

    static FiberTensor of(TensorDecl decl, FiberTensor written) {
        if (!Arrays.equals(decl.modeOrderArray(), written.modeOrder()) || !Arrays.equals(decl.shapeArray(),
                written.shape()) || !allCompressed(written)) {
            return throughCoordinates(decl, written);
        }
        int rank = written.rank();
        boolean[][] keep = positionsWithEntries(written);
        if (decl.formats().stream().allMatch(format -> format == LevelFormat.COMPRESSED) && allKept(keep)) {
            return written; // already stored as declared
        }
        int[] parentMap = {0};
        long parentPositions = 1;
        List<Level> levels = new ArrayList<>();
        for (int depth = 0; depth < rank; depth++) {
            CompressedLevel level = (CompressedLevel) written.level(depth);
            int[] seg = level.seg();
            int[] crd = level.crd();
            int[] map = new int[crd.length];
            Arrays.fill(map, -1);
            if (decl.formats().get(depth) == LevelFormat.DENSE) {
                int size = written.shape()[written.modeOrder()[depth]];
                for (int parent = 0; parent < parentMap.length; parent++) {
                    if (parentMap[parent] >= 0) {
                        for (int q = seg[parent]; q < seg[parent + 1]; q++) {
                            map[q] = Math.toIntExact((long) parentMap[parent] * size + crd[q]);
                        }
                    }
                }
                levels.add(new DenseLevel(size, Math.toIntExact(parentPositions)));
                parentPositions = Math.multiplyExact(parentPositions, size);
            } else {
                int[] newSeg = new int[Math.toIntExact(parentPositions) + 1];
                int[] newCrd = new int[crd.length];
                int count = 0;
                for (int parent = 0; parent < parentMap.length; parent++) {
                    if (parentMap[parent] < 0) {
                        continue;
                    }
                    for (int q = seg[parent]; q < seg[parent + 1]; q++) {
                        if (keep[depth][q]) {
                            newCrd[count] = crd[q];
                            map[q] = count++;
                            newSeg[parentMap[parent] + 1]++;
                        }
                    }
                }
                for (int p = 0; p + 1 < newSeg.length; p++) {
                    newSeg[p + 1] += newSeg[p];
                }
                levels.add(new CompressedLevel(newSeg, Arrays.copyOf(newCrd, count)));
                parentPositions = count;
            }
            parentMap = map;
        }
        float[] values = new float[Math.toIntExact(parentPositions)];
        float[] writtenValues = written.values();
        for (int q = 0; q < parentMap.length; q++) {
            if (parentMap[q] >= 0) {
                values[parentMap[q]] = writtenValues[q];
            }
        }
        return new FiberTensor(decl.name(), decl.shapeArray(), decl.modeOrderArray(), levels, values);
    }

    /** For each level, which positions have a stored entry at or below them (every leaf has its own). */
    private static boolean[][] positionsWithEntries(FiberTensor written) {
        int rank = written.rank();
        boolean[][] keep = new boolean[rank][];
        keep[rank - 1] = new boolean[written.level(rank - 1).positions()];
        Arrays.fill(keep[rank - 1], true);
        for (int depth = rank - 2; depth >= 0; depth--) {
            int[] childSeg = ((CompressedLevel) written.level(depth + 1)).seg();
            keep[depth] = new boolean[written.level(depth).positions()];
            for (int q = 0; q < keep[depth].length; q++) {
                for (int child = childSeg[q]; child < childSeg[q + 1]; child++) {
                    if (keep[depth + 1][child]) {
                        keep[depth][q] = true;
                        break;
                    }
                }
            }
        }
        return keep;
    }

    private static boolean allKept(boolean[][] keep) {
        for (boolean[] level : keep) {
            for (boolean kept : level) {
                if (!kept) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean allCompressed(FiberTensor tensor) {
        for (int depth = 0; depth < tensor.rank(); depth++) {
            if (!(tensor.level(depth) instanceof CompressedLevel)) {
                return false;
            }
        }
        return tensor.rank() > 0;
    }

    /** Any other layout: through the stored entries' coordinates, in the declared mode order. */
    private static FiberTensor throughCoordinates(TensorDecl decl, FiberTensor written) {
        StoredEntries entries = StoredEntries.of(written);
        return FiberTensor.fromCoo(decl.name(), decl.shapeArray(), decl.formats(), decl.modeOrderArray(),
                entries.coords(), entries.values());
    }
}
