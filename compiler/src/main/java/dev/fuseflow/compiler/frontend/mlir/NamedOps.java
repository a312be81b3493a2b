package dev.fuseflow.compiler.frontend.mlir;

import dev.fuseflow.compiler.frontend.mlir.MlirSyntax.AffineMap;
import dev.fuseflow.compiler.frontend.mlir.MlirSyntax.AffineResult;
import dev.fuseflow.compiler.frontend.mlir.MlirSyntax.Argument;
import dev.fuseflow.compiler.frontend.mlir.MlirSyntax.Block;
import dev.fuseflow.compiler.frontend.mlir.MlirSyntax.BodyOp;
import dev.fuseflow.compiler.frontend.mlir.MlirSyntax.Linalg;
import dev.fuseflow.compiler.frontend.mlir.MlirSyntax.ScalarType;
import dev.fuseflow.compiler.frontend.mlir.MlirSyntax.TensorType;
import dev.fuseflow.compiler.frontend.mlir.MlirSyntax.Type;
import dev.fuseflow.compiler.frontend.mlir.MlirSyntax.Use;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The named linalg ops of the subset, each expanded into the generic form it abbreviates (its implicit
 * indexing maps, iterator kinds and body, as MLIR's {@code LinalgNamedStructuredOps} define them), so one
 * translation path serves both forms.
 */
final class NamedOps {
    /** Names the parser accepts after {@code linalg.}, besides {@code generic} and {@code fill}. */
    static final List<String> NAMES = List.of("matmul", "matvec", "vecmat", "batch_matmul", "add", "sub", "mul", "div",
            "exp", "transpose", "copy");

    private static final Map<String, String> ELEMENTWISE = Map.of("add", "arith.addf", "sub", "arith.subf",
            "mul", "arith.mulf", "div", "arith.divf", "exp", "math.exp", "copy", "");

    // Synthetic block-argument names: '<' cannot occur in an MLIR value name, so they never shadow one.
    private static final String IN0 = "%<in0>";
    private static final String IN1 = "%<in1>";
    private static final String OUT = "%<out>";

    private NamedOps() {
    }

    /**
     * The generic form of {@code linalg.<name> ins(...) outs(...)}; {@code permutation} is the transpose's
     * attribute (null for the others).
     */
    static Linalg expand(String name, List<String> results, List<Use> ins, List<Type> insTypes, List<Use> outs,
            List<Type> outsTypes, List<Type> resultTypes, List<Integer> permutation, SourceLocation at) {
        if (outs.size() != 1) {
            throw at.error("linalg." + name + " takes one outs operand, not " + outs.size());
        }
        int outRank = rank(outsTypes.get(0), name, at);
        String element = outsTypes.get(0) instanceof TensorType t ? t.element() : "f32";
        List<AffineMap> maps = new ArrayList<>();
        List<Boolean> reductions;
        List<BodyOp> body = new ArrayList<>();
        List<Use> yields;
        switch (name) {
            case "matmul", "matvec", "vecmat", "batch_matmul" -> {
                expectInputs(name, ins, 2, at);
                String[][] spec = switch (name) {
                    case "matmul" -> new String[][] {{"i", "j", "k"}, {"i", "k"}, {"k", "j"}, {"i", "j"}};
                    case "matvec" -> new String[][] {{"i", "k"}, {"i", "k"}, {"k"}, {"i"}};
                    case "vecmat" -> new String[][] {{"j", "k"}, {"k"}, {"k", "j"}, {"j"}};
                    default -> new String[][] {{"b", "i", "j", "k"}, {"b", "i", "k"}, {"b", "k", "j"}, {"b", "i", "j"}};
                };
                List<String> loops = List.of(spec[0]);
                for (int m = 1; m <= 3; m++) {
                    maps.add(map(loops, List.of(spec[m]), at));
                }
                reductions = new ArrayList<>();
                for (String loop : loops) {
                    reductions.add(loop.equals("k"));
                }
                body.add(op("%<product>", "arith.mulf", List.of(IN0, IN1), element, at));
                body.add(op("%<sum>", "arith.addf", List.of(OUT, "%<product>"), element, at));
                yields = List.of(new Use("%<sum>", at));
            }
            case "transpose" -> {
                expectInputs(name, ins, 1, at);
                int inRank = rank(insTypes.get(0), name, at);
                if (permutation == null || permutation.size() != inRank || !isPermutation(permutation)) {
                    throw at.error("linalg.transpose needs 'permutation = [...]' listing each of its " + inRank
                            + " dimensions once");
                }
                List<String> loops = dims(inRank);
                maps.add(map(loops, loops, at));
                List<String> out = new ArrayList<>();
                for (int p : permutation) {
                    out.add(loops.get(p));
                }
                maps.add(map(loops, out, at));
                reductions = parallel(inRank);
                yields = List.of(new Use(IN0, at));
            }
            default -> {
                String arith = ELEMENTWISE.get(name);
                int arity = arith.equals("arith.addf") || arith.equals("arith.subf") || arith.equals("arith.mulf")
                        || arith.equals("arith.divf") ? 2 : 1;
                expectInputs(name, ins, arity, at);
                List<String> loops = dims(outRank);
                for (int m = 0; m <= arity; m++) {
                    maps.add(map(loops, loops, at));
                }
                reductions = parallel(outRank);
                if (arith.isEmpty()) {
                    yields = List.of(new Use(IN0, at));
                } else {
                    body.add(op("%<result>", arith, arity == 2 ? List.of(IN0, IN1) : List.of(IN0), element, at));
                    yields = List.of(new Use("%<result>", at));
                }
            }
        }
        List<Argument> args = new ArrayList<>();
        args.add(new Argument(IN0, new ScalarType(element), at));
        if (ins.size() > 1) {
            args.add(new Argument(IN1, new ScalarType(element), at));
        }
        args.add(new Argument(OUT, new ScalarType(element), at));
        Block block = new Block(args, body, yields, at);
        return new Linalg(results, "linalg." + name, maps, reductions, ins, insTypes, outs, outsTypes, block,
                resultTypes, at);
    }

    private static BodyOp op(String result, String name, List<String> operands, String element, SourceLocation at) {
        return new BodyOp(result, name, null, operands.stream().map(o -> new Use(o, at)).toList(), null,
                List.of(new ScalarType(element)), at);
    }

    private static void expectInputs(String name, List<Use> ins, int count, SourceLocation at) {
        if (ins.size() != count) {
            throw at.error("linalg." + name + " takes " + count + " ins operand" + (count == 1 ? "" : "s") + ", not "
                    + ins.size());
        }
    }

    private static int rank(Type type, String name, SourceLocation at) {
        if (type instanceof TensorType tensor) {
            return tensor.rank();
        }
        throw at.error("linalg." + name + " operates on tensors, not on " + type.text());
    }

    private static boolean isPermutation(List<Integer> permutation) {
        boolean[] seen = new boolean[permutation.size()];
        for (int p : permutation) {
            if (p < 0 || p >= seen.length || seen[p]) {
                return false;
            }
            seen[p] = true;
        }
        return true;
    }

    private static List<String> dims(int rank) {
        List<String> dims = new ArrayList<>();
        for (int d = 0; d < rank; d++) {
            dims.add("d" + d);
        }
        return dims;
    }

    private static List<Boolean> parallel(int loops) {
        List<Boolean> kinds = new ArrayList<>();
        for (int d = 0; d < loops; d++) {
            kinds.add(false);
        }
        return kinds;
    }

    private static AffineMap map(List<String> loops, List<String> results, SourceLocation at) {
        List<AffineResult> out = new ArrayList<>();
        for (String r : results) {
            out.add(new AffineResult(loops.indexOf(r), 0, at));
        }
        return new AffineMap(loops, out, at);
    }
}
