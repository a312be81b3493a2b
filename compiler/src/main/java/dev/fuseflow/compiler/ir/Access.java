package dev.fuseflow.compiler.ir;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** A tensor indexed by index variables, one per logical mode: {@code A(i,k)}. */
public record Access(String tensor, List<IndexVar> indices) implements Expr {
    public Access {
        indices = List.copyOf(indices);
    }

    public List<Expr> children() {
        return List.of();
    }

    public Expr withChildren(List<Expr> children) {
        return this;
    }

    @Override
    public Set<IndexVar> freeVars() {
        return new LinkedHashSet<>(indices);
    }

    @Override
    public String toString() {
        return tensor + "(" + indices.stream().map(IndexVar::name).collect(Collectors.joining(",")) + ")";
    }
}
