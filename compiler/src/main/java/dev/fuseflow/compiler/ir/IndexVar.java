package dev.fuseflow.compiler.ir;

/** An index variable of an einsum assignment ({@code i}, {@code k}, ...). */
public record IndexVar(String name) implements Comparable<IndexVar> {
    public IndexVar {
        if (name == null || !name.matches("[A-Za-z][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("bad index variable name '" + name + "'");
        }
    }

    @Override
    public int compareTo(IndexVar other) {
        return name.compareTo(other.name);
    }

    @Override
    public String toString() {
        return name;
    }
}
