package dev.fuseflow.compiler.frontend.mlir;

import dev.fuseflow.compiler.frontend.mlir.MlirSyntax.TensorType;
import dev.fuseflow.diagnostics.UserError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Which tensor dimensions must have the same size: a union-find over {@link DimKey}s. A loop of a structured op
 * joins every operand dimension its indexing maps send it to; a chained file joins the argument that receives
 * the previous file's result with that result. Each class keeps the static size declared by its members (or
 * dynamic), and {@link #bind} gives every class its size.
 */
final class DimensionClasses {
    private final Map<DimKey, DimKey> parent = new LinkedHashMap<>();
    private final Map<DimKey, Integer> declared = new HashMap<>();

    /** Adds a dimension with its declared size ({@link TensorType#DYNAMIC} for {@code ?}). */
    void add(DimKey key, int size) {
        if (parent.containsKey(key)) {
            return;
        }
        parent.put(key, key);
        declared.put(key, size);
    }

    boolean contains(DimKey key) {
        return parent.containsKey(key);
    }

    DimKey find(DimKey key) {
        DimKey root = key;
        while (!parent.get(root).equals(root)) {
            root = parent.get(root);
        }
        DimKey walk = key;
        while (!walk.equals(root)) {
            DimKey up = parent.get(walk);
            parent.put(walk, root);
            walk = up;
        }
        return root;
    }

    /** The declared size of a key's class, or {@link TensorType#DYNAMIC}. */
    int declaredSize(DimKey key) {
        return declared.get(find(key));
    }

    /**
     * Joins two dimensions that one op requires equal; two different static sizes are a type mismatch.
     *
     * @return null, or the two conflicting sizes
     */
    int[] unite(DimKey a, DimKey b) {
        DimKey ra = find(a);
        DimKey rb = find(b);
        if (ra.equals(rb)) {
            return null;
        }
        int sa = declared.get(ra);
        int sb = declared.get(rb);
        if (sa != TensorType.DYNAMIC && sb != TensorType.DYNAMIC && sa != sb) {
            return new int[] {sa, sb};
        }
        link(ra, rb, sa != TensorType.DYNAMIC ? sa : sb);
        return null;
    }

    /**
     * Joins a chained argument with the result it receives. Where their static sizes differ, the result's size
     * wins (the chain's data flows from it) and the change is reported.
     */
    void uniteChained(DimKey receiver, DimKey result, List<String> warnings) {
        DimKey rr = find(receiver);
        DimKey rs = find(result);
        if (rr.equals(rs)) {
            return;
        }
        int sr = declared.get(rr);
        int ss = declared.get(rs);
        int size = ss != TensorType.DYNAMIC ? ss : sr;
        if (sr != TensorType.DYNAMIC && ss != TensorType.DYNAMIC && sr != ss) {
            warnings.add("dimension " + receiver + " is declared " + sr + " but receives " + result + " of size " + ss
                    + "; the chain uses " + ss);
        }
        link(rs, rr, size);
    }

    private void link(DimKey keep, DimKey join, int size) {
        parent.put(join, keep);
        declared.put(keep, size);
    }

    /** The classes in order of their first member, each listing its members in insertion order. */
    List<List<DimKey>> classes() {
        Map<DimKey, List<DimKey>> byRoot = new LinkedHashMap<>();
        for (DimKey key : parent.keySet()) {
            byRoot.computeIfAbsent(find(key), k -> new ArrayList<>()).add(key);
        }
        List<List<DimKey>> out = new ArrayList<>();
        for (DimKey key : parent.keySet()) {
            List<DimKey> members = byRoot.remove(find(key));
            if (members != null) {
                out.add(members);
            }
        }
        return out;
    }

    /**
     * Sizes every dimension: an explicit binding of any member, else the declared static size under the scale,
     * else the binding's dynamic size. Rebinding a static size is allowed and reported in {@code warnings}.
     */
    Map<DimKey, Integer> bind(ShapeBinding binding, List<String> warnings) {
        Map<String, List<DimKey>> named = new HashMap<>();
        List<List<DimKey>> classes = classes();
        for (List<DimKey> members : classes) {
            for (DimKey key : members) {
                named.put(key.toString(), members);
            }
        }
        for (String name : binding.dims().keySet()) {
            if (!named.containsKey(name)) {
                List<String> accepted = classes.stream().map(c -> c.get(0).toString()).toList();
                throw UserError.of("dimension '" + name + "' is not a dimension of the program's tensors", accepted);
            }
        }
        Map<DimKey, Integer> sizes = new HashMap<>();
        List<String> unbound = new ArrayList<>();
        for (List<DimKey> members : classes) {
            String className = members.get(0).toString();
            int declaredSize = declaredSize(members.get(0));
            Integer explicit = null;
            String boundBy = null;
            for (DimKey key : members) {
                Integer value = binding.dims().get(key.toString());
                if (value != null && explicit != null && !value.equals(explicit)) {
                    throw UserError.of("dimensions " + boundBy + " and " + key + " are the same dimension but are bound"
                            + " to " + explicit + " and " + value);
                }
                if (value != null) {
                    explicit = value;
                    boundBy = key.toString();
                }
            }
            int size;
            if (explicit != null) {
                size = explicit;
                if (declaredSize != TensorType.DYNAMIC && declaredSize != size) {
                    warnings.add("dimension " + className + " is declared " + declaredSize + " and rebound to " + size);
                }
            } else if (declaredSize != TensorType.DYNAMIC) {
                size = binding.scaled(declaredSize);
            } else if (binding.dynamicSize() > 0) {
                size = binding.dynamicSize();
                unbound.add(className);
            } else {
                throw UserError.of("dimension " + className + " is dynamic ('?') and no dataset binds it; bind it, e.g. "
                        + className + "=64", List.of(className + "=N"));
            }
            for (DimKey key : members) {
                sizes.put(key, size);
            }
        }
        if (!unbound.isEmpty()) {
            warnings.add("dynamic dimension" + (unbound.size() == 1 ? " " : "s ") + String.join(", ", new TreeSet<>(unbound))
                    + (unbound.size() == 1 ? " has" : " have") + " no binding and " + (unbound.size() == 1 ? "gets" : "get")
                    + " size " + binding.dynamicSize());
        }
        return sizes;
    }
}
