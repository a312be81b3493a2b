package dev.fuseflow.compiler.ir;

import dev.fuseflow.diagnostics.UserError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ordered list of einsum assignments over declared tensors. Tensors never assigned are inputs; the
 * others are intermediates or outputs. Immutable; {@link #toString()} prints declarations then
 * assignments, one per line, numbered as the schedule refers to them.
 */
public record Program(String name, Map<String, TensorDecl> tensors, List<Assignment> assignments) {

    public Program {
        tensors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        assignments = List.copyOf(assignments);
        for (Assignment assignment : assignments) {
            check(tensors, assignment.target());
            for (Access access : assignment.operands()) {
                check(tensors, access);
            }
        }
    }

    private static void check(Map<String, TensorDecl> tensors, Access access) {
        TensorDecl decl = tensors.get(access.tensor());
        if (decl == null) {
            throw UserError.of("tensor '" + access.tensor() + "' is used but not declared", List.copyOf(tensors.keySet()));
        }
        if (decl.rank() != access.indices().size()) {
            throw UserError.of("tensor '" + access.tensor() + "' has rank " + decl.rank() + " but is indexed as " + access);
        }
    }

    public TensorDecl tensor(String tensorName) {
        return tensors.get(tensorName);
    }

    /** Tensors read before any assignment writes them. */
    public List<String> inputs() {
        List<String> written = new ArrayList<>();
        List<String> inputs = new ArrayList<>();
        for (Assignment assignment : assignments) {
            for (Access access : assignment.operands()) {
                if (!written.contains(access.tensor()) && !inputs.contains(access.tensor())) {
                    inputs.add(access.tensor());
                }
            }
            written.add(assignment.target().tensor());
        }
        return inputs;
    }

    /**
     * The program of only the assignments at {@code kept} (indices into this one), in their order, with every
     * declaration; a tensor they read that none of them writes becomes an input.
     */
    public Program restrictedTo(String newName, List<Integer> kept) {
        List<Assignment> chosen = new ArrayList<>();
        for (int index : kept) {
            chosen.add(assignments.get(index));
        }
        return new Program(newName, tensors, chosen);
    }

    /** The same program with one tensor's declaration replaced. */
    public Program withTensor(TensorDecl decl) {
        Map<String, TensorDecl> copy = new LinkedHashMap<>(tensors);
        copy.put(decl.name(), decl);
        return new Program(name, copy, assignments);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("# program ").append(name).append('\n');
        tensors.values().forEach(t -> text.append(t).append('\n'));
        for (int i = 0; i < assignments.size(); i++) {
            text.append(i).append(": ").append(assignments.get(i)).append('\n');
        }
        return text.toString();
    }
}
