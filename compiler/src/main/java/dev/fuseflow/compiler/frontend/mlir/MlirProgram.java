package dev.fuseflow.compiler.frontend.mlir;

import dev.fuseflow.compiler.ir.Program;
import java.util.List;
import java.util.Map;

/**
 * An MLIR source read and bound to sizes.
 *
 * @param program    the assignments and tensor declarations, ready to schedule and compile
 * @param warnings   what reading changed or ignored (rebound static shapes, dynamic sizes chosen, fills read
 *                   as data, extra functions), one sentence each
 * @param dimensions each dimension class's name and its bound size
 * @param fileGroups the assignment indices each source file contributed, in chain order (one group for a
 *                   single file): the grouping the original runs, one kernel per file
 */
public record MlirProgram(Program program, List<String> warnings, Map<String, Integer> dimensions,
        List<List<Integer>> fileGroups) {
    public MlirProgram {
        warnings = List.copyOf(warnings);
        dimensions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(dimensions));
        fileGroups = fileGroups.stream().map(List::copyOf).toList();
    }
}
