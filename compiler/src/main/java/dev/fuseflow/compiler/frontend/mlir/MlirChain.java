package dev.fuseflow.compiler.frontend.mlir;

import dev.fuseflow.compiler.frontend.mlir.FunctionModel.Role;
import dev.fuseflow.compiler.frontend.mlir.FunctionModel.TensorInfo;
import dev.fuseflow.compiler.ir.Assignment;
import dev.fuseflow.compiler.ir.Program;
import dev.fuseflow.compiler.ir.TensorDecl;
import dev.fuseflow.diagnostics.UserError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Assembles one program from one or more translated files and binds its shapes (see
 * {@link MlirModule#chain} for the chaining rule).
 */
final class MlirChain {
    private MlirChain() {
    }

    /** The files' tensors, assignments and dimension classes, joined; receiving arguments already replaced. */
    private record Linked(String name, List<TensorInfo> tensors, List<Assignment> assignments,
            DimensionClasses classes, List<String> warnings, List<List<Integer>> fileGroups) {
    }

    static MlirProgram link(List<MlirModule> modules, ShapeBinding binding) {
        Linked linked = assemble(modules);
        List<String> warnings = new ArrayList<>(linked.warnings());
        Map<DimKey, Integer> sizes = linked.classes().bind(binding, warnings);
        Map<String, TensorDecl> decls = new LinkedHashMap<>();
        for (TensorInfo info : linked.tensors()) {
            decls.put(info.name(), info.declaration(sizes));
        }
        Map<String, Integer> dimensions = new LinkedHashMap<>();
        for (List<DimKey> members : linked.classes().classes()) {
            dimensions.put(members.get(0).toString(), sizes.get(members.get(0)));
        }
        Program program = new Program(linked.name(), decls, linked.assignments());
        return new MlirProgram(program, warnings, dimensions, linked.fileGroups());
    }

    static List<MlirDimension> dimensions(List<MlirModule> modules) {
        Linked linked = assemble(modules);
        List<MlirDimension> out = new ArrayList<>();
        for (List<DimKey> members : linked.classes().classes()) {
            out.add(new MlirDimension(members.get(0).toString(), members.stream().map(DimKey::toString).toList(),
                    linked.classes().declaredSize(members.get(0))));
        }
        return out;
    }

    private static Linked assemble(List<MlirModule> modules) {
        if (modules.isEmpty()) {
            throw UserError.of("no MLIR file to read");
        }
        List<String> warnings = new ArrayList<>();
        List<FunctionModel> models = new ArrayList<>();
        Set<String> prefixes = new HashSet<>();
        for (MlirModule module : modules) {
            warnings.addAll(module.warnings());
            FunctionModel model = module.model();
            if (modules.size() > 1) {
                String prefix = prefix(model.file(), prefixes);
                model = model.renamed(name -> prefix + name);
            }
            models.add(model);
        }
        DimensionClasses classes = new DimensionClasses();
        for (FunctionModel model : models) {
            for (TensorInfo info : model.tensors()) {
                for (DimKey key : info.keys()) {
                    classes.add(key, info.type().shape().get(key.dim()));
                }
            }
            for (DimKey[] pair : model.equalities()) {
                classes.unite(pair[0], pair[1]);
            }
        }
        List<TensorInfo> tensors = new ArrayList<>();
        List<Assignment> assignments = new ArrayList<>();
        List<List<Integer>> fileGroups = new ArrayList<>();
        for (int f = 0; f < models.size(); f++) {
            FunctionModel model = models.get(f);
            if (f > 0) {
                FunctionModel previous = models.get(f - 1);
                TensorInfo result = previous.tensor(previous.results().get(0));
                TensorInfo receiver = receiver(model, result, previous.file());
                List<DimKey> from = result.keys();
                List<DimKey> to = receiver.keys();
                for (int d = 0; d < from.size(); d++) {
                    classes.uniteChained(to.get(d), from.get(d), warnings);
                }
                String replaced = receiver.name();
                model = new FunctionModel(model.file(), model.name(),
                        model.tensors().stream().filter(t -> !t.name().equals(replaced)).toList(),
                        model.assignments().stream().map(a -> FunctionModel.renameTensors(a,
                                n -> n.equals(replaced) ? result.name() : n)).toList(),
                        model.results(), model.equalities(), model.warnings());
            }
            tensors.addAll(model.tensors());
            List<Integer> group = new ArrayList<>();
            for (Assignment assignment : model.assignments()) {
                group.add(assignments.size());
                assignments.add(assignment);
            }
            fileGroups.add(group);
        }
        String name = models.size() == 1 ? stem(models.get(0).file())
                : String.join("+", models.stream().map(m -> stem(m.file())).toList());
        return new Linked(name, tensors, assignments, classes, warnings, fileGroups);
    }

    /** The argument of {@code model} that receives {@code result} (see {@link MlirModule#chain}). */
    private static TensorInfo receiver(FunctionModel model, TensorInfo result, String previousFile) {
        List<TensorInfo> candidates = model.tensors().stream()
                .filter(t -> t.role() == Role.ARGUMENT && t.keys().size() == result.keys().size()).toList();
        if (candidates.size() > 1) {
            List<TensorInfo> sameShape = candidates.stream().filter(t -> keptShape(t).equals(keptShape(result))).toList();
            if (sameShape.size() == 1) {
                return sameShape.get(0);
            }
            List<TensorInfo> sameFormat = (sameShape.isEmpty() ? candidates : sameShape).stream()
                    .filter(t -> java.util.Objects.equals(t.type().encoding(), result.type().encoding())).toList();
            if (sameFormat.size() == 1) {
                return sameFormat.get(0);
            }
        }
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        String what = "the result " + result.value() + " of " + previousFile + " (" + result.type().text() + ")";
        if (candidates.isEmpty()) {
            throw UserError.of(model.file() + " has no argument of the rank of " + what + " to chain it into");
        }
        throw UserError.of("cannot tell which argument of " + model.file() + " receives " + what + ": "
                + String.join(", ", candidates.stream().map(t -> t.value() + " (" + t.type().text() + ")").toList())
                + " all fit; give them different shapes or formats, or put the kernels in one file");
    }

    private static List<Integer> keptShape(TensorInfo info) {
        return info.keys().stream().map(k -> info.type().shape().get(k.dim())).toList();
    }

    private static String prefix(String file, Set<String> taken) {
        String base = stem(file).replaceAll("[^A-Za-z0-9_]", "_");
        if (base.isEmpty() || !Character.isLetter(base.charAt(0))) {
            base = "f" + base;
        }
        String prefix = base;
        for (int n = 2; !taken.add(prefix); n++) {
            prefix = base + n;
        }
        return prefix + "_";
    }

    static String stem(String file) {
        String name = java.nio.file.Path.of(file).getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
