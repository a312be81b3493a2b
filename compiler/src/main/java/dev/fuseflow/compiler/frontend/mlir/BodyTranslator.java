package dev.fuseflow.compiler.frontend.mlir;

import dev.fuseflow.compiler.frontend.mlir.MlirSyntax.BodyOp;
import dev.fuseflow.compiler.frontend.mlir.MlirSyntax.Linalg;
import dev.fuseflow.compiler.frontend.mlir.MlirSyntax.Use;
import dev.fuseflow.compiler.ir.Apply;
import dev.fuseflow.compiler.ir.Difference;
import dev.fuseflow.compiler.ir.Expr;
import dev.fuseflow.compiler.ir.IndexVar;
import dev.fuseflow.compiler.ir.Product;
import dev.fuseflow.compiler.ir.Quotient;
import dev.fuseflow.compiler.ir.ReduceFunction;
import dev.fuseflow.compiler.ir.Reduction;
import dev.fuseflow.compiler.ir.Sum;
import dev.fuseflow.compiler.ir.UnaryFunction;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the body of a structured op into the value of an assignment by evaluating it symbolically: block
 * arguments become tensor accesses (or scalars), and each body op combines its operands' symbolic values. The
 * patterns of reference/fuseflow-compiler.md §1.17 fall out as cases:
 * <ul>
 * <li>{@code addf(out, mulf(a, b))} in a reduction: a contraction, {@code sum_k(a * b)};</li>
 * <li>{@code addf}/{@code maximumf} with the accumulator, or {@code select(cmpf ogt(x, out), x, out)}: a sum or
 * max reduction;</li>
 * <li>{@code addf/subf/mulf/divf} of two tensors: sum, difference, product, quotient;</li>
 * <li>one operand a scalar constant: the scalar ops {@code x + c}, {@code x * c}, {@code x / c};</li>
 * <li>{@code select(cmpf ugt(x, 0), x, 0)} or {@code maximumf(x, 0)}: ReLU ({@code max(x, c)} for other c);</li>
 * <li>{@code math.exp}, {@code math.rsqrt}, {@code math.sin}, {@code math.cos}; {@code negf} as {@code x * -1};</li>
 * <li>{@code 1 / (1 + exp(-x))}: the sigmoid;</li>
 * <li>{@code extf}/{@code truncf}: the value itself (values are float32 throughout).</li>
 * </ul>
 * Anything else is a user error at the body op.
 */
final class BodyTranslator {
    static final List<String> SUPPORTED = List.of("arith.addf", "arith.subf", "arith.mulf", "arith.divf", "arith.negf",
            "arith.maximumf", "arith.maxnumf", "arith.cmpf", "arith.select", "arith.constant", "arith.extf",
            "arith.truncf", "math.exp", "math.rsqrt", "math.sin", "math.cos");

    /** An operand of the op as the body sees it: a tensor access, or a scalar (a constant in {@code ins}). */
    record Input(Expr access, Double scalar) {
    }

    /** What an outs operand starts as: the scalar a fill wrote, or null when it holds no known value. */
    record Init(Double fillValue, String name) {
    }

    /** A symbolic body value. */
    private sealed interface Value permits TensorValue, Scalar, Accumulator, Accumulated, Comparison, IndexValue {
    }

    private record TensorValue(Expr expr) implements Value {
    }

    private record Scalar(double value) implements Value {
    }

    /** The running value of outs operand {@code index} in a reduction. */
    private record Accumulator(int index) implements Value {
    }

    /** {@code accumulator ⊕ body}: the reduction of {@code body} with {@code function}. */
    private record Accumulated(int index, ReduceFunction function, Expr body) implements Value {
    }

    /** {@code cmpf predicate, lhs, rhs}, kept for the select that consumes it; operands by SSA name. */
    private record Comparison(String predicate, String lhs, String rhs, SourceLocation at) implements Value {
    }

    /** An index computation ({@code linalg.index}); only an arg-max result, which FuseFlow ignores, uses one. */
    private record IndexValue(BodyOp origin) implements Value {
    }

    private final Linalg op;
    private final List<Input> inputs;
    private final List<Init> inits;
    private final Map<String, Double> outerScalars;
    private final boolean reduces;
    private final Map<String, BodyOp> definitions = new HashMap<>();
    private final Map<String, Value> memo = new HashMap<>();

    BodyTranslator(Linalg op, List<Input> inputs, List<Init> inits, Map<String, Double> outerScalars) {
        this.op = op;
        this.inputs = inputs;
        this.inits = inits;
        this.outerScalars = outerScalars;
        this.reduces = op.reductionLoops().contains(true);
        for (BodyOp bodyOp : op.body().ops()) {
            if (bodyOp.result() != null) {
                if (definitions.containsKey(bodyOp.result())) {
                    throw bodyOp.at().error("body value " + bodyOp.result() + " is defined twice");
                }
                definitions.put(bodyOp.result(), bodyOp);
            }
        }
    }

    /**
     * The value of result {@code result}: its yield, with the reduction over {@code reductionVars} (outermost
     * first) made explicit when the op reduces.
     */
    Expr translate(int result, List<IndexVar> reductionVars) {
        List<Use> yields = op.body().yields();
        if (yields.size() != op.outs().size()) {
            throw op.body().yieldAt().error("linalg.yield yields " + yields.size() + " values but the op has "
                    + op.outs().size() + " outs operands");
        }
        Use yielded = yields.get(result);
        Value value = eval(yielded);
        if (value instanceof Accumulated accumulated) {
            if (accumulated.index() != result) {
                throw yielded.at().error(yielded.name() + " combines the accumulator of another result");
            }
            Expr body = accumulated.body();
            for (int k = reductionVars.size() - 1; k >= 0; k--) {
                IndexVar var = reductionVars.get(k);
                if (!body.freeVars().contains(var)) {
                    throw op.at().error(op.opName() + " reduces over " + var + ", which its body " + body
                            + " does not depend on");
                }
                body = new Reduction(accumulated.function(), var, body);
            }
            return body;
        }
        if (value instanceof TensorValue tensor) {
            if (reduces && !reductionVars.isEmpty()) {
                throw yielded.at().error("the body of a reduction must combine its accumulator with arith.addf or"
                        + " arith.maximumf; " + yielded.name() + " does not use the accumulator");
            }
            return tensor.expr();
        }
        if (value instanceof IndexValue index) {
            throw unsupported(index.origin());
        }
        if (value instanceof Scalar) {
            throw yielded.at().error(op.opName() + " yields a constant; a tensor filled with a constant is only"
                    + " accepted as an outs operand (linalg.fill)");
        }
        throw yielded.at().error(yielded.name() + " is not a value FuseFlow can compute (an accumulator or a"
                + " comparison on its own)");
    }

    private Value eval(Use use) {
        Value cached = memo.get(use.name());
        if (cached != null) {
            return cached;
        }
        Value value = compute(use);
        memo.put(use.name(), value);
        return value;
    }

    private Value compute(Use use) {
        List<MlirSyntax.Argument> args = op.body().arguments();
        for (int a = 0; a < args.size(); a++) {
            if (args.get(a).name().equals(use.name())) {
                return argument(a, use);
            }
        }
        BodyOp def = definitions.get(use.name());
        if (def != null) {
            return apply(def);
        }
        Double outer = outerScalars.get(use.name());
        if (outer != null) {
            return new Scalar(outer);
        }
        throw use.at().error("body value " + use.name() + " is neither a block argument, a value defined in the body,"
                + " nor a scalar arith.constant");
    }

    private Value argument(int a, Use use) {
        if (op.body().arguments().size() != inputs.size() + inits.size()) {
            throw op.body().yieldAt().error("the body of " + op.opName() + " has " + op.body().arguments().size()
                    + " block arguments but the op has " + (inputs.size() + inits.size()) + " operands");
        }
        if (a < inputs.size()) {
            Input input = inputs.get(a);
            return input.scalar() != null ? new Scalar(input.scalar()) : new TensorValue(input.access());
        }
        int out = a - inputs.size();
        if (reduces) {
            return new Accumulator(out);
        }
        Init init = inits.get(out);
        if (init.fillValue() != null) {
            return new Scalar(init.fillValue());
        }
        throw use.at().error("the body reads " + use.name() + ", the initial value of outs operand " + init.name()
                + "; FuseFlow reads outs operands only as the accumulator of a reduction or as a filled constant");
    }

    private Value apply(BodyOp body) {
        String name = body.name();
        switch (name) {
            case "arith.constant" -> {
                if (body.literal() != null) {
                    return new Scalar(MlirParser.numberValue(body.literal(), body.types().isEmpty() ? null
                            : body.types().get(0).text(), body.at()));
                }
                if ("true".equals(body.word()) || "false".equals(body.word())) {
                    return new Scalar("true".equals(body.word()) ? 1 : 0);
                }
                throw body.at().error("arith.constant in a body must be a number");
            }
            case "arith.extf", "arith.truncf" -> {
                return eval(operand(body, 0, 1));
            }
            case "linalg.index", "arith.index_cast" -> {
                return new IndexValue(body);
            }
            case "arith.addf", "arith.subf", "arith.mulf", "arith.divf", "arith.maximumf", "arith.maxnumf" -> {
                return binary(body, eval(operand(body, 0, 2)), eval(operand(body, 1, 2)));
            }
            case "arith.negf" -> {
                Value x = eval(operand(body, 0, 1));
                if (x instanceof Scalar s) {
                    return new Scalar(-s.value());
                }
                return new TensorValue(new Apply(UnaryFunction.SCALE, -1, tensor(x, body)));
            }
            case "math.exp", "math.rsqrt", "math.sin", "math.cos" -> {
                UnaryFunction function = switch (name) {
                    case "math.exp" -> UnaryFunction.EXP;
                    case "math.rsqrt" -> UnaryFunction.RSQRT;
                    case "math.sin" -> UnaryFunction.SIN;
                    default -> UnaryFunction.COS;
                };
                Value x = eval(operand(body, 0, 1));
                if (x instanceof Scalar s) {
                    return new Scalar(function.apply(s.value(), 0));
                }
                return new TensorValue(new Apply(function, 0, tensor(x, body)));
            }
            case "arith.cmpf" -> {
                if (body.word() == null) {
                    throw body.at().error("arith.cmpf needs a predicate like ugt");
                }
                eval(operand(body, 0, 2));
                eval(operand(body, 1, 2));
                return new Comparison(body.word(), body.operands().get(0).name(), body.operands().get(1).name(),
                        body.at());
            }
            case "arith.select" -> {
                return select(body);
            }
            default -> throw unsupported(body);
        }
    }

    private Value binary(BodyOp body, Value a, Value b) {
        String name = body.name();
        boolean max = name.equals("arith.maximumf") || name.equals("arith.maxnumf");
        if (a instanceof Accumulator || b instanceof Accumulator) {
            Accumulator acc = (Accumulator) (a instanceof Accumulator ? a : b);
            Value other = a instanceof Accumulator ? b : a;
            if ((name.equals("arith.addf") || max) && other instanceof TensorValue t) {
                return new Accumulated(acc.index(), max ? ReduceFunction.MAX : ReduceFunction.SUM, t.expr());
            }
            throw body.at().error(name + " on the accumulator is not a reduction FuseFlow supports; reductions"
                    + " combine the accumulator with a tensor value by arith.addf (sum) or arith.maximumf (max)");
        }
        if (a instanceof Scalar x && b instanceof Scalar y) {
            return new Scalar(switch (name) {
                case "arith.addf" -> x.value() + y.value();
                case "arith.subf" -> x.value() - y.value();
                case "arith.mulf" -> x.value() * y.value();
                case "arith.divf" -> x.value() / y.value();
                default -> Math.max(x.value(), y.value());
            });
        }
        if (max) {
            return maximum(body, a, b);
        }
        if (a instanceof Scalar s) {
            Expr x = tensor(b, body);
            return new TensorValue(switch (name) {
                case "arith.addf" -> new Apply(UnaryFunction.OFFSET, s.value(), x);
                case "arith.mulf" -> new Apply(UnaryFunction.SCALE, s.value(), x);
                case "arith.subf" -> new Apply(UnaryFunction.OFFSET, s.value(), new Apply(UnaryFunction.SCALE, -1, x));
                default -> sigmoid(body, s.value(), x);
            });
        }
        Expr x = tensor(a, body);
        if (b instanceof Scalar s) {
            return new TensorValue(switch (name) {
                case "arith.addf" -> new Apply(UnaryFunction.OFFSET, s.value(), x);
                case "arith.mulf" -> new Apply(UnaryFunction.SCALE, s.value(), x);
                case "arith.subf" -> new Apply(UnaryFunction.OFFSET, -s.value(), x);
                default -> new Apply(UnaryFunction.DIVIDE, s.value(), x);
            });
        }
        Expr y = tensor(b, body);
        return new TensorValue(switch (name) {
            case "arith.addf" -> new Sum(x, y);
            case "arith.mulf" -> new Product(x, y);
            case "arith.subf" -> new Difference(x, y);
            default -> new Quotient(x, y);
        });
    }

    /** {@code c / x}: only the sigmoid {@code 1 / (1 + exp(-x))} has a meaning on stored entries. */
    private Expr sigmoid(BodyOp body, double numerator, Expr denominator) {
        if (numerator == 1 && denominator instanceof Apply offset && offset.function() == UnaryFunction.OFFSET
                && offset.scalar() == 1 && offset.arg() instanceof Apply exp && exp.function() == UnaryFunction.EXP
                && exp.arg() instanceof Apply negate && negate.function() == UnaryFunction.SCALE
                && negate.scalar() == -1) {
            return new Apply(UnaryFunction.SIGMOID, 0, negate.arg());
        }
        throw body.at().error("arith.divf of a constant by a tensor is not supported; the only such pattern"
                + " FuseFlow reads is the sigmoid 1 / (1 + exp(-x))");
    }

    /** {@code max(x, c)} (ReLU when c is 0); the maximum of two tensors is not an op FuseFlow has. */
    private Value maximum(BodyOp body, Value a, Value b) {
        if (a instanceof Scalar s && b instanceof TensorValue t || b instanceof Scalar && a instanceof TensorValue) {
            double c = a instanceof Scalar sa ? sa.value() : ((Scalar) b).value();
            Expr x = a instanceof TensorValue ta ? ta.expr() : ((TensorValue) b).expr();
            return new TensorValue(c == 0 ? new Apply(UnaryFunction.RELU, 0, x) : new Apply(UnaryFunction.MAX, c, x));
        }
        throw body.at().error("the maximum of two tensors is not supported; FuseFlow reads max(x, c) with a constant c"
                + " and max reductions");
    }

    /**
     * {@code select(cmpf p(x, y), t, f)} where {t, f} = {x, y}: a maximum (or a minimum, which is refused).
     */
    private Value select(BodyOp body) {
        Use condition = operand(body, 0, 3);
        Use whenTrue = body.operands().get(1);
        Use whenFalse = body.operands().get(2);
        Value c = eval(condition);
        if (!(c instanceof Comparison cmp)) {
            throw body.at().error("arith.select is supported only on the result of an arith.cmpf of its two operands"
                    + " (the ReLU and max patterns)");
        }
        boolean straight = same(whenTrue.name(), cmp.lhs()) && same(whenFalse.name(), cmp.rhs());
        boolean swapped = same(whenTrue.name(), cmp.rhs()) && same(whenFalse.name(), cmp.lhs());
        boolean greater = cmp.predicate().matches("[ou]g[te]");
        boolean less = cmp.predicate().matches("[ou]l[te]");
        if (!(straight || swapped) || !(greater || less)) {
            throw body.at().error("arith.select of " + whenTrue.name() + " and " + whenFalse.name() + " on 'cmpf "
                    + cmp.predicate() + "' is not a maximum; FuseFlow reads select(cmpf ugt(x, c), x, c)");
        }
        if (straight != greater) {
            throw body.at().error("this select computes a minimum, which FuseFlow does not support (max and ReLU"
                    + " are supported)");
        }
        Value t = eval(whenTrue);
        Value f = eval(whenFalse);
        if (t instanceof IndexValue || f instanceof IndexValue) {
            throw unsupported(((IndexValue) (t instanceof IndexValue ? t : f)).origin());
        }
        if (t instanceof Accumulator || f instanceof Accumulator) {
            Accumulator acc = (Accumulator) (t instanceof Accumulator ? t : f);
            Value other = t instanceof Accumulator ? f : t;
            if (other instanceof TensorValue tensor) {
                return new Accumulated(acc.index(), ReduceFunction.MAX, tensor.expr());
            }
        }
        return maximum(body, t, f);
    }

    /** Two operand names denote the same value: the same name, or scalar constants of equal value. */
    private boolean same(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        Value va = eval(new Use(a, op.at()));
        Value vb = eval(new Use(b, op.at()));
        return va instanceof Scalar x && vb instanceof Scalar y && x.value() == y.value();
    }

    private Expr tensor(Value value, BodyOp body) {
        if (value instanceof TensorValue t) {
            return t.expr();
        }
        if (value instanceof IndexValue index) {
            throw unsupported(index.origin());
        }
        if (value instanceof Accumulator || value instanceof Accumulated) {
            throw body.at().error(body.name() + " uses the reduction's accumulator in a way FuseFlow does not support;"
                    + " the accumulator may only be combined once, by arith.addf or arith.maximumf, and yielded");
        }
        throw body.at().error(body.name() + " is applied to a comparison; only arith.select may use one");
    }

    private static Use operand(BodyOp body, int index, int arity) {
        if (body.operands().size() != arity) {
            throw body.at().error(body.name() + " takes " + arity + " operand" + (arity == 1 ? "" : "s") + ", not "
                    + body.operands().size());
        }
        return body.operands().get(index);
    }

    private static dev.fuseflow.diagnostics.UserError unsupported(BodyOp body) {
        return body.at().error("unsupported op '" + body.name() + "' (supported: " + String.join(", ", SUPPORTED) + ")");
    }
}
