package dev.fuseflow.simulator.interop;

import dev.fuseflow.diagnostics.UserError;
import dev.fuseflow.simulator.tensor.LevelFormat;
import java.util.List;
import java.util.Map;

/**
 * What an imported graph needs of one input tensor, read off its scanners: per storage level the mode
 * stored there, the level format and the index variable the graph iterates it as. A Comal graph names its
 * inputs only through these ops, so this is the whole contract for the data supplied to it.
 */
public record TensorRequirement(String tensor, List<LevelUse> levels) {

    /** One storage level: the logical mode it holds, its format, the index variable scanning it. */
    public record LevelUse(int mode, LevelFormat format, String indexVar) {
    }

    public TensorRequirement {
        levels = List.copyOf(levels);
    }

    public int rank() {
        return levels.size();
    }

    /** Level {@code k} stores mode {@code modeOrder()[k]}. */
    public int[] modeOrder() {
        return levels.stream().mapToInt(LevelUse::mode).toArray();
    }

    public List<LevelFormat> formats() {
        return levels.stream().map(LevelUse::format).toList();
    }

    /** The logical shape (indexed by mode) given the size of each index variable. */
    public int[] shape(Map<String, Integer> sizeByIndexVar) {
        int[] shape = new int[rank()];
        for (LevelUse level : levels) {
            Integer size = sizeByIndexVar.get(level.indexVar());
            if (size == null) {
                throw UserError.of("no size is known for index variable '" + level.indexVar() + "' of tensor "
                        + tensor + " mode " + level.mode() + ".");
            }
            shape[level.mode()] = size;
        }
        return shape;
    }
}
