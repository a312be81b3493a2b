package dev.fuseflow.compiler.zoo;

import dev.fuseflow.compiler.frontend.einsum.EinsumParser;
import dev.fuseflow.compiler.ir.Program;
import java.util.List;
import java.util.Map;

/**
 * A two-layer graph network of the zoo: a graph dataset's nodes, features and classes size its einsum
 * program, with a hidden width of {@value #HIDDEN} (paper-results.md §2.1).
 */
abstract class GnnModel implements ZooModel {
    static final int HIDDEN = 16;

    @Override
    public List<String> dimensions() {
        return List.of("nodes", "features", "classes");
    }

    @Override
    public Program program(Map<String, Integer> dims) {
        String text = einsum().formatted(dims.get("nodes"), dims.get("features"), dims.get("classes"), HIDDEN);
        return EinsumParser.parse(text, "zoo:" + name(), name());
    }

    /** The program as einsum text over {@code %1$d} nodes, {@code %2$d} features, {@code %3$d} classes, {@code %4$d} hidden. */
    abstract String einsum();
}
