package dev.fuseflow.compiler.schedule;

import dev.fuseflow.compiler.ir.IndexVar;
import java.util.List;
import java.util.stream.Collectors;

/** A global loop order over the index variables of a fusion group, named by its letters ({@code ikj}). */
public record DataflowOrder(List<IndexVar> vars) {
    public DataflowOrder {
        vars = List.copyOf(vars);
    }

    public int position(IndexVar var) {
        return vars.indexOf(var);
    }

    public IndexVar at(int position) {
        return vars.get(position);
    }

    public int size() {
        return vars.size();
    }

    /** {@code ikj} for single-letter variables, {@code i,k,j} otherwise. */
    public String name() {
        boolean letters = vars.stream().allMatch(v -> v.name().length() == 1);
        return vars.stream().map(IndexVar::name).collect(Collectors.joining(letters ? "" : ","));
    }

    @Override
    public String toString() {
        return name();
    }
}
