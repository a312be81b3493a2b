package dev.fuseflow.compiler.frontend.mlir;

import dev.fuseflow.simulator.tensor.LevelFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The syntax tree {@link MlirParser} builds: what a file says, checked only for form. Meaning (types of uses,
 * shapes, body patterns) is the {@link FunctionTranslator}'s business.
 */
final class MlirSyntax {
    private MlirSyntax() {
    }

    /** A parsed file: its functions in source order. */
    record SourceFile(String file, List<Function> functions) {
    }

    record Function(String name, List<Argument> arguments, List<Type> results, List<Op> ops, Return ret,
            SourceLocation at) {
    }

    record Argument(String name, Type type, SourceLocation at) {
    }

    /** {@code return %a, %b : T1, T2}; an empty list for a bare {@code return}. */
    record Return(List<Use> values, List<Type> types, SourceLocation at) {
    }

    /** A use of an SSA value ({@code %x} or {@code %21#0}) where it appears. */
    record Use(String name, SourceLocation at) {
        @Override
        public String toString() {
            return name;
        }
    }

    // ---------------------------------------------------------------- types

    sealed interface Type permits TensorType, ScalarType, OpaqueType {
        String text();
    }

    /**
     * {@code tensor<1767x?xf32, #SPARSE>}: sizes with {@link #DYNAMIC} for {@code ?}, the element type and the
     * sparse encoding (null when plain dense).
     */
    record TensorType(List<Integer> shape, String element, Encoding encoding) implements Type {
        static final int DYNAMIC = -1;

        int rank() {
            return shape.size();
        }

        @Override
        public String text() {
            StringBuilder out = new StringBuilder("tensor<");
            for (int size : shape) {
                out.append(size == DYNAMIC ? "?" : Integer.toString(size)).append('x');
            }
            out.append(element);
            if (encoding != null) {
                out.append(", ").append(encoding.text());
            }
            return out.append('>').toString();
        }
    }

    /** {@code f32}, {@code i64}, {@code index}. */
    record ScalarType(String name) implements Type {
        @Override
        public String text() {
            return name;
        }
    }

    /** A type outside the subset ({@code memref<...>}, {@code !llvm.ptr<i8>}), kept as text for messages. */
    record OpaqueType(String text) implements Type {
    }

    /** One storage level of a sparse encoding: the tensor dimension it stores and its format. */
    record Level(int dim, LevelFormat format) {
    }

    /** {@code #sparse_tensor.encoding<{ map = (i, j) -> (i : dense, j : compressed) }>}. */
    record Encoding(List<String> dims, List<Level> levels) {
        String text() {
            return "#sparse_tensor.encoding<{ map = (" + String.join(", ", dims) + ") -> ("
                    + levels.stream().map(l -> dims.get(l.dim()) + " : " + l.format().word())
                            .collect(Collectors.joining(", ")) + ") }>";
        }
    }

    // ---------------------------------------------------------------- attributes

    /** One result of an affine map: a dimension position, or a constant (MLIR's {@code 0} in {@code (d0, 0)}). */
    record AffineResult(int dim, long constant, SourceLocation at) {
        boolean isConstant() {
            return dim < 0;
        }
    }

    /** {@code affine_map<(d0, d1) -> (d1, 0)>}: dimension names and results. */
    record AffineMap(List<String> dims, List<AffineResult> results, SourceLocation at) {
        String text() {
            return "(" + String.join(", ", dims) + ") -> (" + results.stream()
                    .map(r -> r.isConstant() ? Long.toString(r.constant()) : dims.get(r.dim()))
                    .collect(Collectors.joining(", ")) + ")";
        }
    }

    sealed interface Attribute permits AffineMapAttr, EncodingAttr, DictAttr, ArrayAttr, StringAttr, NumberAttr,
            WordAttr, DenseAttr, OpaqueAttr {
        SourceLocation at();
    }

    record AffineMapAttr(AffineMap map, SourceLocation at) implements Attribute {
    }

    record EncodingAttr(Encoding encoding, SourceLocation at) implements Attribute {
    }

    record DictAttr(Map<String, Attribute> entries, SourceLocation at) implements Attribute {
    }

    record ArrayAttr(List<Attribute> elements, SourceLocation at) implements Attribute {
    }

    record StringAttr(String value, SourceLocation at) implements Attribute {
    }

    /** A number; hexadecimal literals keep their text so the type can decide how to read the bits. */
    record NumberAttr(String text, SourceLocation at) implements Attribute {
    }

    record WordAttr(String word, SourceLocation at) implements Attribute {
    }

    /**
     * {@code dense<0.0>} (a splat: {@code splat} holds the value), {@code dense<[...]>} (a literal), or
     * {@code dense_resource<name>} (an elided payload).
     */
    record DenseAttr(String kind, Double splat, String resource, SourceLocation at) implements Attribute {
    }

    /** Any other attribute ({@code #linalg.type_fn<cast_signed>}, {@code array<i64: 1>}), kept as text. */
    record OpaqueAttr(String text, SourceLocation at) implements Attribute {
    }

    // ---------------------------------------------------------------- ops

    sealed interface Op permits Constant, Empty, Fill, Linalg, Other {
        /** The SSA names the op defines, in result order. */
        List<String> results();

        /** The op's name as written ({@code linalg.matmul}). */
        String opName();

        SourceLocation at();
    }

    /** {@code %c = arith.constant <value> : type}; the value is a {@link NumberAttr}, {@link WordAttr} or {@link DenseAttr}. */
    record Constant(String result, Attribute value, Type type, SourceLocation at) implements Op {
        public List<String> results() {
            return List.of(result);
        }

        public String opName() {
            return "arith.constant";
        }
    }

    /** {@code %t = tensor.empty() : type}. */
    record Empty(String result, Type type, SourceLocation at) implements Op {
        public List<String> results() {
            return List.of(result);
        }

        public String opName() {
            return "tensor.empty";
        }
    }

    /** {@code %f = linalg.fill ins(%c : f32) outs(%t : T) -> T}. */
    record Fill(String result, Use value, Type valueType, Use init, Type initType, Type resultType, SourceLocation at)
            implements Op {
        public List<String> results() {
            return List.of(result);
        }

        public String opName() {
            return "linalg.fill";
        }
    }

    /**
     * A structured op in generic form: loops with iterator kinds, one indexing map per input then per output,
     * and a body. Named ops ({@code linalg.matmul}, ...) arrive here already expanded by {@link NamedOps}.
     */
    record Linalg(List<String> results, String opName, List<AffineMap> maps, List<Boolean> reductionLoops,
            List<Use> ins, List<Type> insTypes, List<Use> outs, List<Type> outsTypes, Block body,
            List<Type> resultTypes, SourceLocation at) implements Op {
        int loopCount() {
            return reductionLoops.size();
        }
    }

    /** An op the subset does not define; harmless unless a returned value depends on it. */
    record Other(List<String> results, String opName, SourceLocation at) implements Op {
    }

    /** {@code ^bb0(%in: f32, %out: f32): ops; linalg.yield ...}. */
    record Block(List<Argument> arguments, List<BodyOp> ops, List<Use> yields, SourceLocation yieldAt) {
    }

    /**
     * One op of a body: {@code %r = arith.cmpf ugt, %a, %b : f32}. {@code word} is the leading keyword (the
     * comparison predicate, or {@code true}/{@code false}), {@code literal} a number operand (a constant's value or
     * {@code linalg.index}'s dimension), {@code types} the types after the colon.
     */
    record BodyOp(String result, String name, String word, List<Use> operands, String literal, List<Type> types,
            SourceLocation at) {
    }
}
