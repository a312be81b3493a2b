package dev.fuseflow.compiler.frontend.mlir;

import dev.fuseflow.compiler.frontend.mlir.FunctionModel.Role;
import dev.fuseflow.compiler.frontend.mlir.FunctionModel.TensorInfo;
import dev.fuseflow.compiler.frontend.mlir.MlirSyntax.AffineMap;
import dev.fuseflow.compiler.frontend.mlir.MlirSyntax.AffineResult;
import dev.fuseflow.compiler.frontend.mlir.MlirSyntax.Argument;
import dev.fuseflow.compiler.frontend.mlir.MlirSyntax.Constant;
import dev.fuseflow.compiler.frontend.mlir.MlirSyntax.DenseAttr;
import dev.fuseflow.compiler.frontend.mlir.MlirSyntax.Empty;
import dev.fuseflow.compiler.frontend.mlir.MlirSyntax.Fill;
import dev.fuseflow.compiler.frontend.mlir.MlirSyntax.Function;
import dev.fuseflow.compiler.frontend.mlir.MlirSyntax.Linalg;
import dev.fuseflow.compiler.frontend.mlir.MlirSyntax.NumberAttr;
import dev.fuseflow.compiler.frontend.mlir.MlirSyntax.Op;
import dev.fuseflow.compiler.frontend.mlir.MlirSyntax.Other;
import dev.fuseflow.compiler.frontend.mlir.MlirSyntax.ScalarType;
import dev.fuseflow.compiler.frontend.mlir.MlirSyntax.TensorType;
import dev.fuseflow.compiler.frontend.mlir.MlirSyntax.Type;
import dev.fuseflow.compiler.frontend.mlir.MlirSyntax.Use;
import dev.fuseflow.compiler.frontend.mlir.MlirSyntax.WordAttr;
import dev.fuseflow.compiler.ir.Access;
import dev.fuseflow.compiler.ir.Assignment;
import dev.fuseflow.compiler.ir.Expr;
import dev.fuseflow.compiler.ir.IndexVar;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives a parsed function its meaning as assignments (reference/fuseflow-compiler.md §1.5 and §5.2):
 * <ol>
 * <li><b>Check</b> every value is defined once, before use, and used at the type it was defined with.</li>
 * <li><b>Liveness</b>: only what the returned values depend on is translated, so dead ops outside the subset
 * (the GCN's {@code math.log}, an arg-max result) are harmless, as in the original.</li>
 * <li><b>Constant folding</b>: a copy or transpose of a constant becomes a constant input of the copy's type,
 * as the original's {@code convert-fill-ops} does for weight transposes. Constants' payloads are never read:
 * like arguments, constant tensors are inputs whose values come from the dataset.</li>
 * <li><b>Unit dimensions</b>: a dimension of size 1 (the {@code Nx1} row results of softmax, the batch-1 dims of
 * torch exports) is dropped from the program's tensor; a constant {@code 0} in an indexing map may only index
 * such a dimension. This is how {@code (d0, 0)} broadcasts a per-row value.</li>
 * <li><b>Equalities</b>: every loop joins the operand dimensions its maps send it to; different static sizes
 * there are a type mismatch.</li>
 * <li><b>Assignments</b>: one per live result; the {@link BodyTranslator} reads the body.</li>
 * </ol>
 */
final class FunctionTranslator {
    /** The function-level ops of the subset. */
    static final List<String> SUPPORTED_OPS;

    static {
        List<String> ops = new ArrayList<>(List.of("arith.constant", "tensor.empty", "linalg.fill", "linalg.generic"));
        NamedOps.NAMES.forEach(n -> ops.add("linalg." + n));
        SUPPORTED_OPS = List.copyOf(ops);
    }

    private static final String LETTERS = "ijklmnopqrstuvwxyzabcefgh";

    /** Where a value comes from: a function argument, or result {@code index} of an op. */
    private record Definition(Argument argument, Op op, int index) {
        SourceLocation at() {
            return argument != null ? argument.at() : op.at();
        }
    }

    private final String file;
    private final Function function;
    private final Map<String, Definition> definitions = new LinkedHashMap<>();
    private final Map<String, Double> scalars = new HashMap<>();
    private final List<String> warnings = new ArrayList<>();

    private FunctionTranslator(String file, Function function) {
        this.file = file;
        this.function = function;
    }

    static FunctionModel translate(String file, Function function) {
        return new FunctionTranslator(file, function).run();
    }

    private FunctionModel run() {
        define();
        checkTypes();
        Liveness live = liveness();
        Map<String, TensorInfo> infos = tensors(live);
        List<DimKey[]> equalities = new ArrayList<>();
        DimensionClasses classes = new DimensionClasses();
        for (TensorInfo info : infos.values()) {
            for (DimKey key : info.keys()) {
                classes.add(key, info.type().shape().get(key.dim()));
            }
        }
        List<Assignment> assignments = new ArrayList<>();
        for (Linalg op : live.ops) {
            assignments.addAll(translateOp(op, infos, classes, equalities));
        }
        List<String> results = new ArrayList<>();
        for (Use use : function.ret().values()) {
            TensorInfo info = infos.get(use.name());
            if (info == null || info.role() != Role.RESULT) {
                throw use.at().error("the function returns " + use.name() + ", which is not computed by a linalg op;"
                        + " FuseFlow needs a returned tensor that some op computes");
            }
            if (!results.contains(info.name())) {
                results.add(info.name());
            }
        }
        return new FunctionModel(file, function.name(), List.copyOf(infos.values()), assignments, results, equalities,
                warnings);
    }

    // ---------------------------------------------------------------- checks

    private void define() {
        List<Argument> arguments = function.arguments();
        for (int a = 0; a < arguments.size(); a++) {
            Argument argument = arguments.get(a);
            put(argument.name(), new Definition(argument, null, a), argument.at());
        }
        for (Op op : function.ops()) {
            for (Use use : uses(op)) {
                if (!definitions.containsKey(use.name())) {
                    throw use.at().error("value " + use.name() + " is used but not defined before this point");
                }
            }
            for (int r = 0; r < op.results().size(); r++) {
                put(op.results().get(r), new Definition(null, op, r), op.at());
            }
            if (op instanceof Constant constant && constant.type() instanceof ScalarType) {
                Double value = scalarValue(constant);
                if (value != null) {
                    scalars.put(constant.result(), value);
                }
            }
        }
        if (function.ret().values().isEmpty()) {
            throw function.ret().at().error("the function returns no value; FuseFlow computes the returned tensor,"
                    + " so write 'return %result : tensor<...>'");
        }
        for (Use use : function.ret().values()) {
            if (!definitions.containsKey(use.name())) {
                throw use.at().error("value " + use.name() + " is returned but never defined");
            }
        }
    }

    private void put(String name, Definition definition, SourceLocation at) {
        Definition previous = definitions.put(name, definition);
        if (previous != null) {
            throw at.error("value " + name + " is defined twice (first at " + previous.at() + ")");
        }
    }

    private static List<Use> uses(Op op) {
        if (op instanceof Fill fill) {
            return List.of(fill.value(), fill.init());
        }
        if (op instanceof Linalg linalg) {
            List<Use> uses = new ArrayList<>(linalg.ins());
            uses.addAll(linalg.outs());
            return uses;
        }
        return List.of();
    }

    private static Double scalarValue(Constant constant) {
        if (constant.value() instanceof NumberAttr number) {
            return MlirParser.numberValue(number.text(), constant.type().text(), number.at());
        }
        if (constant.value() instanceof WordAttr word && (word.word().equals("true") || word.word().equals("false"))) {
            return word.word().equals("true") ? 1.0 : 0.0;
        }
        return null;
    }

    /** The type a value was defined with, or null for a value of an op outside the subset. */
    private Type typeOf(String name) {
        Definition def = definitions.get(name);
        if (def.argument() != null) {
            return def.argument().type();
        }
        Op op = def.op();
        if (op instanceof Constant constant) {
            return constant.type();
        }
        if (op instanceof Empty empty) {
            return empty.type();
        }
        if (op instanceof Fill fill) {
            return fill.resultType();
        }
        if (op instanceof Linalg linalg) {
            return linalg.resultTypes().get(def.index());
        }
        return null;
    }

    private void checkTypes() {
        for (Op op : function.ops()) {
            if (op instanceof Fill fill) {
                checkUse(fill.value(), fill.valueType());
                checkUse(fill.init(), fill.initType());
                if (!(fill.valueType() instanceof ScalarType)) {
                    throw fill.value().at().error("linalg.fill fills with a scalar, not with " + fill.valueType().text());
                }
                if (!fill.resultType().equals(fill.initType())) {
                    throw fill.at().error("type mismatch: linalg.fill writes " + fill.initType().text() + " but declares"
                            + " the result " + fill.resultType().text());
                }
            } else if (op instanceof Linalg linalg) {
                checkLinalg(linalg);
            }
        }
        List<Use> values = function.ret().values();
        if (function.ret().types().size() != values.size()) {
            throw function.ret().at().error("return lists " + values.size() + " values but "
                    + function.ret().types().size() + " types");
        }
        for (int v = 0; v < values.size(); v++) {
            checkUse(values.get(v), function.ret().types().get(v));
        }
        if (function.results().size() != values.size()) {
            throw function.ret().at().error("the function declares " + function.results().size() + " results but"
                    + " returns " + values.size() + " values");
        }
        for (int v = 0; v < values.size(); v++) {
            if (!function.results().get(v).equals(function.ret().types().get(v))) {
                throw function.ret().at().error("type mismatch: the function declares result " + v + " as "
                        + function.results().get(v).text() + " but returns " + function.ret().types().get(v).text());
            }
        }
    }

    private void checkLinalg(Linalg op) {
        if (op.resultTypes().size() != op.results().size()) {
            throw op.at().error(op.opName() + " defines " + op.results().size() + " results but declares "
                    + op.resultTypes().size() + " result types");
        }
        if (op.outs().size() != op.results().size()) {
            throw op.at().error(op.opName() + " has " + op.outs().size() + " outs operands but defines "
                    + op.results().size() + " results");
        }
        for (int k = 0; k < op.ins().size(); k++) {
            checkUse(op.ins().get(k), op.insTypes().get(k));
        }
        for (int k = 0; k < op.outs().size(); k++) {
            checkUse(op.outs().get(k), op.outsTypes().get(k));
            if (!op.outsTypes().get(k).equals(op.resultTypes().get(k))) {
                throw op.at().error("type mismatch: outs operand " + op.outs().get(k).name() + " is "
                        + op.outsTypes().get(k).text() + " but result " + k + " is declared "
                        + op.resultTypes().get(k).text());
            }
        }
        List<Type> operandTypes = new ArrayList<>(op.insTypes());
        operandTypes.addAll(op.outsTypes());
        List<Use> operands = new ArrayList<>(op.ins());
        operands.addAll(op.outs());
        for (int k = 0; k < operands.size(); k++) {
            AffineMap map = op.maps().get(k);
            int rank = operandTypes.get(k) instanceof TensorType t ? t.rank() : 0;
            if (map.results().size() != rank) {
                throw map.at().error("the indexing map " + map.text() + " has " + map.results().size()
                        + " results but operand " + operands.get(k).name() + " has rank " + rank);
            }
            if (!(operandTypes.get(k) instanceof TensorType) && !(operandTypes.get(k) instanceof ScalarType)) {
                throw operands.get(k).at().error(op.opName() + " operand " + operands.get(k).name() + " has type "
                        + operandTypes.get(k).text() + "; FuseFlow reads tensors and scalars only");
            }
        }
    }

    private void checkUse(Use use, Type listed) {
        Type defined = typeOf(use.name());
        if (defined != null && !defined.equals(listed)) {
            throw use.at().error("type mismatch: " + use.name() + " is defined as " + defined.text() + " but used as "
                    + listed.text());
        }
    }

    // ---------------------------------------------------------------- liveness

    private static final class Liveness {
        /** Live tensor values (inputs and results), in no particular order. */
        final Set<String> values = new LinkedHashSet<>();
        /** Live ops to translate, in program order. */
        final List<Linalg> ops = new ArrayList<>();
        /** Values that are inputs: arguments, constants, fills used as data, folded constant copies. */
        final Map<String, Role> inputs = new LinkedHashMap<>();
    }

    private Liveness liveness() {
        Liveness live = new Liveness();
        Set<Linalg> liveOps = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Use> work = new ArrayDeque<>(function.ret().values());
        while (!work.isEmpty()) {
            Use use = work.pop();
            if (!live.values.add(use.name())) {
                continue;
            }
            Definition def = definitions.get(use.name());
            if (def.argument() != null) {
                if (!(def.argument().type() instanceof TensorType)) {
                    throw use.at().error("argument " + use.name() + " of type " + def.argument().type().text()
                            + " is used as a tensor; FuseFlow reads tensor arguments only");
                }
                live.inputs.put(use.name(), Role.ARGUMENT);
                continue;
            }
            Op op = def.op();
            if (op instanceof Constant constant) {
                if (!(constant.type() instanceof TensorType)) {
                    throw use.at().error("scalar constant " + use.name() + " is used where a tensor is needed");
                }
                live.inputs.put(use.name(), Role.CONSTANT);
            } else if (op instanceof Fill fill) {
                live.inputs.put(use.name(), Role.CONSTANT);
                warnings.add(use.name() + " (linalg.fill at " + fill.at() + ") is read as a tensor operand; like the"
                        + " original, FuseFlow treats it as a constant input whose values come from the dataset");
            } else if (op instanceof Empty) {
                throw use.at().error(use.name() + " is a tensor.empty, which holds no values; use it only as an outs"
                        + " operand");
            } else if (op instanceof Other other) {
                throw other.at().error("unsupported op '" + other.opName() + "' (supported: "
                        + String.join(", ", SUPPORTED_OPS) + ")");
            } else if (op instanceof Linalg linalg) {
                if (isConstantCopy(linalg)) {
                    live.inputs.put(use.name(), Role.CONSTANT);
                } else {
                    if (liveOps.add(linalg)) {
                        for (int k = 0; k < linalg.ins().size(); k++) {
                            if (linalg.insTypes().get(k) instanceof TensorType) {
                                work.push(linalg.ins().get(k));
                            } else {
                                scalarOperand(linalg.ins().get(k));
                            }
                        }
                    }
                }
            }
        }
        for (Op op : function.ops()) {
            if (op instanceof Linalg linalg && liveOps.contains(linalg)) {
                live.ops.add(linalg);
            }
        }
        return live;
    }

    private double scalarOperand(Use use) {
        Double value = scalars.get(use.name());
        if (value == null) {
            throw use.at().error("scalar operand " + use.name() + " must be an arith.constant; scalar function"
                    + " arguments are not supported");
        }
        return value;
    }

    /**
     * A copy (or transpose) of a constant: one input that is a constant, every loop parallel, permutation maps,
     * a body that yields its input. Folded into a constant of the copy's type, as the original does.
     */
    private boolean isConstantCopy(Linalg op) {
        if (op.ins().size() != 1 || op.outs().size() != 1 || op.reductionLoops().contains(true)
                || !op.body().ops().isEmpty() || op.body().yields().size() != 1
                || op.body().arguments().isEmpty()
                || !op.body().yields().get(0).name().equals(op.body().arguments().get(0).name())) {
            return false;
        }
        for (AffineMap map : op.maps()) {
            if (map.results().size() != map.dims().size() || map.results().stream().anyMatch(AffineResult::isConstant)
                    || map.results().stream().map(AffineResult::dim).distinct().count() != map.results().size()) {
                return false;
            }
        }
        Definition source = definitions.get(op.ins().get(0).name());
        if (source.op() instanceof Constant constant) {
            return constant.type() instanceof TensorType && constant.value() instanceof DenseAttr;
        }
        return source.op() instanceof Fill || source.op() instanceof Linalg inner && isConstantCopy(inner);
    }

    // ---------------------------------------------------------------- tensors

    private Map<String, TensorInfo> tensors(Liveness live) {
        Map<String, Set<Integer>> constantIndexed = new HashMap<>();
        for (Linalg op : live.ops) {
            List<Use> operands = new ArrayList<>(op.ins());
            operands.addAll(op.outs());
            for (int k = 0; k < operands.size(); k++) {
                List<AffineResult> results = op.maps().get(k).results();
                for (int p = 0; p < results.size(); p++) {
                    if (results.get(p).isConstant()) {
                        String value = k < op.ins().size() ? operands.get(k).name() : op.results().get(k - op.ins().size());
                        constantIndexed.computeIfAbsent(value, v -> new HashSet<>()).add(p);
                    }
                }
            }
        }
        List<String> ordered = new ArrayList<>();
        for (Argument argument : function.arguments()) {
            if (live.inputs.get(argument.name()) == Role.ARGUMENT) {
                ordered.add(argument.name());
            }
        }
        for (Op op : function.ops()) {
            for (String result : op.results()) {
                if (live.inputs.get(result) == Role.CONSTANT) {
                    ordered.add(result);
                }
            }
        }
        for (Linalg op : live.ops) {
            for (String result : op.results()) {
                if (live.values.contains(result)) {
                    ordered.add(result);
                }
            }
        }
        Map<String, TensorInfo> infos = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>();
        for (String value : ordered) {
            TensorType type = (TensorType) typeOf(value);
            Set<Integer> unit = new HashSet<>();
            for (int d = 0; d < type.rank(); d++) {
                int size = type.shape().get(d);
                if (size == 1 || size == TensorType.DYNAMIC && constantIndexed.getOrDefault(value, Set.of()).contains(d)) {
                    unit.add(d);
                }
            }
            Role role = live.inputs.getOrDefault(value, Role.RESULT);
            infos.put(value, new TensorInfo(programName(value, taken), value, type, role, Set.copyOf(unit),
                    definitions.get(value).at()));
        }
        return infos;
    }

    /** {@code %arg0} → {@code arg0}, {@code %7} → {@code v7}, {@code %21#0} → {@code v21_0}; unique. */
    private static String programName(String value, Set<String> taken) {
        String base = value.substring(1).replace('#', '_').replaceAll("[^A-Za-z0-9_]", "_");
        if (base.isEmpty() || !Character.isLetter(base.charAt(0))) {
            base = "v" + base;
        }
        String name = base;
        for (int n = 2; taken.contains(name); n++) {
            name = base + "_" + n;
        }
        taken.add(name);
        return name;
    }

    // ---------------------------------------------------------------- ops

    private List<Assignment> translateOp(Linalg op, Map<String, TensorInfo> infos, DimensionClasses classes,
            List<DimKey[]> equalities) {
        int loops = op.loopCount();
        List<Use> operands = new ArrayList<>(op.ins());
        operands.addAll(op.outs());
        // Which operand dimensions each loop reaches; outs positions stand for the op's results.
        List<List<DimKey>> reached = new ArrayList<>();
        List<List<String>> unitReached = new ArrayList<>();
        for (int l = 0; l < loops; l++) {
            reached.add(new ArrayList<>());
            unitReached.add(new ArrayList<>());
        }
        for (int k = 0; k < operands.size(); k++) {
            TensorInfo info = operandInfo(op, k, infos);
            if (info == null) {
                continue;
            }
            AffineMap map = op.maps().get(k);
            for (int p = 0; p < map.results().size(); p++) {
                AffineResult result = map.results().get(p);
                boolean unit = info.unitDims().contains(p);
                if (result.isConstant()) {
                    if (result.constant() != 0 || !unit) {
                        throw result.at().error("the indexing map " + map.text() + " reads index " + result.constant()
                                + " of dimension " + p + " of " + operands.get(k).name() + " ("
                                + info.type().text() + "); a constant is supported only as 0 on a dimension of size 1");
                    }
                } else if (unit) {
                    unitReached.get(result.dim()).add(operands.get(k).name() + " dimension " + p);
                } else {
                    reached.get(result.dim()).add(new DimKey(info.name(), p));
                }
            }
        }
        List<IndexVar> vars = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int l = 0; l < loops; l++) {
            List<DimKey> keys = reached.get(l);
            if (!keys.isEmpty() && !unitReached.get(l).isEmpty()) {
                throw op.at().error("type mismatch: loop " + op.maps().get(0).dims().get(l) + " of " + op.opName()
                        + " spans " + unitReached.get(l).get(0) + " (size 1) and " + keys.get(0) + " (size "
                        + sizeText(classes.declaredSize(keys.get(0))) + ")");
            }
            for (int m = 1; m < keys.size(); m++) {
                int[] conflict = classes.unite(keys.get(0), keys.get(m));
                if (conflict != null) {
                    throw op.at().error("type mismatch: loop " + op.maps().get(0).dims().get(l) + " of " + op.opName()
                            + " spans " + describe(keys.get(0), infos) + " of size " + conflict[0] + " and "
                            + describe(keys.get(m), infos) + " of size " + conflict[1]);
                }
                equalities.add(new DimKey[] {keys.get(0), keys.get(m)});
            }
            boolean unitLoop = keys.isEmpty() && !unitReached.get(l).isEmpty();
            vars.add(unitLoop ? null : new IndexVar(loopName(op, l, names)));
        }
        List<BodyTranslator.Input> inputs = new ArrayList<>();
        for (int k = 0; k < op.ins().size(); k++) {
            TensorInfo info = operandInfo(op, k, infos);
            if (info == null) {
                inputs.add(new BodyTranslator.Input(null, scalarOperand(op.ins().get(k))));
            } else {
                inputs.add(new BodyTranslator.Input(access(info, op.maps().get(k), vars, op.ins().get(k)), null));
            }
        }
        List<BodyTranslator.Init> inits = new ArrayList<>();
        for (Use out : op.outs()) {
            Definition def = definitions.get(out.name());
            Double fillValue = def.op() instanceof Fill fill ? scalars.get(fill.value().name()) : null;
            inits.add(new BodyTranslator.Init(fillValue, out.name()));
        }
        List<IndexVar> reductionVars = new ArrayList<>();
        for (int l = 0; l < loops; l++) {
            if (op.reductionLoops().get(l) && vars.get(l) != null) {
                reductionVars.add(vars.get(l));
            }
        }
        BodyTranslator body = new BodyTranslator(op, inputs, inits, scalars);
        List<Assignment> out = new ArrayList<>();
        for (int r = 0; r < op.results().size(); r++) {
            TensorInfo info = infos.get(op.results().get(r));
            if (info == null) {
                continue;
            }
            AffineMap map = op.maps().get(op.ins().size() + r);
            Access target = access(info, map, vars, op.outs().get(r));
            Expr value = body.translate(r, reductionVars);
            for (IndexVar var : value.freeVars()) {
                if (!target.indices().contains(var)) {
                    throw map.at().error("loop " + var + " of " + op.opName() + " is parallel but the output map "
                            + map.text() + " of " + op.results().get(r) + " does not index it");
                }
            }
            out.add(new Assignment(target, value));
        }
        return out;
    }

    /** The tensor behind operand {@code k} (outs operands stand for the results), or null for a scalar. */
    private static TensorInfo operandInfo(Linalg op, int k, Map<String, TensorInfo> infos) {
        if (k < op.ins().size()) {
            return op.insTypes().get(k) instanceof TensorType ? infos.get(op.ins().get(k).name()) : null;
        }
        String result = op.results().get(k - op.ins().size());
        TensorInfo info = infos.get(result);
        if (info != null) {
            return info;
        }
        // A dead result of a live op: its dimensions still follow the loops, but it is not a program tensor.
        return null;
    }

    private static Access access(TensorInfo info, AffineMap map, List<IndexVar> vars, Use at) {
        List<IndexVar> indices = new ArrayList<>();
        for (int p = 0; p < map.results().size(); p++) {
            if (info.unitDims().contains(p)) {
                continue;
            }
            IndexVar var = vars.get(map.results().get(p).dim());
            if (indices.contains(var)) {
                throw map.at().error("the indexing map " + map.text() + " uses " + map.dims().get(map.results().get(p)
                        .dim()) + " twice for " + at.name() + " (a diagonal), which is not supported");
            }
            indices.add(var);
        }
        return new Access(info.name(), indices);
    }

    /** The map's own name for a loop when it is a plain identifier ({@code i}, {@code k}), else the next letter. */
    private static String loopName(Linalg op, int loop, Set<String> taken) {
        String own = op.maps().isEmpty() ? "" : op.maps().get(0).dims().get(loop);
        if (own.matches("[A-Za-z][A-Za-z0-9_]*") && !own.matches("d\\d+") && taken.add(own)) {
            return own;
        }
        for (char letter : LETTERS.toCharArray()) {
            String name = String.valueOf(letter);
            if (taken.add(name)) {
                return name;
            }
        }
        for (int n = 0; ; n++) {
            if (taken.add("l" + n)) {
                return "l" + n;
            }
        }
    }

    private static String describe(DimKey key, Map<String, TensorInfo> infos) {
        for (TensorInfo info : infos.values()) {
            if (info.name().equals(key.tensor())) {
                return "dimension " + key.dim() + " of " + info.value();
            }
        }
        return key.toString();
    }

    private static String sizeText(int size) {
        return size == TensorType.DYNAMIC ? "?" : Integer.toString(size);
    }
}
