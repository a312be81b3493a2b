package dev.fuseflow.compiler.frontend.mlir;

import dev.fuseflow.compiler.frontend.mlir.MlirSyntax.AffineMap;
import dev.fuseflow.compiler.frontend.mlir.MlirSyntax.AffineMapAttr;
import dev.fuseflow.compiler.frontend.mlir.MlirSyntax.AffineResult;
import dev.fuseflow.compiler.frontend.mlir.MlirSyntax.Argument;
import dev.fuseflow.compiler.frontend.mlir.MlirSyntax.ArrayAttr;
import dev.fuseflow.compiler.frontend.mlir.MlirSyntax.Attribute;
import dev.fuseflow.compiler.frontend.mlir.MlirSyntax.Block;
import dev.fuseflow.compiler.frontend.mlir.MlirSyntax.BodyOp;
import dev.fuseflow.compiler.frontend.mlir.MlirSyntax.Constant;
import dev.fuseflow.compiler.frontend.mlir.MlirSyntax.DenseAttr;
import dev.fuseflow.compiler.frontend.mlir.MlirSyntax.DictAttr;
import dev.fuseflow.compiler.frontend.mlir.MlirSyntax.Empty;
import dev.fuseflow.compiler.frontend.mlir.MlirSyntax.Encoding;
import dev.fuseflow.compiler.frontend.mlir.MlirSyntax.EncodingAttr;
import dev.fuseflow.compiler.frontend.mlir.MlirSyntax.Fill;
import dev.fuseflow.compiler.frontend.mlir.MlirSyntax.Function;
import dev.fuseflow.compiler.frontend.mlir.MlirSyntax.Level;
import dev.fuseflow.compiler.frontend.mlir.MlirSyntax.Linalg;
import dev.fuseflow.compiler.frontend.mlir.MlirSyntax.NumberAttr;
import dev.fuseflow.compiler.frontend.mlir.MlirSyntax.OpaqueAttr;
import dev.fuseflow.compiler.frontend.mlir.MlirSyntax.OpaqueType;
import dev.fuseflow.compiler.frontend.mlir.MlirSyntax.Op;
import dev.fuseflow.compiler.frontend.mlir.MlirSyntax.Other;
import dev.fuseflow.compiler.frontend.mlir.MlirSyntax.Return;
import dev.fuseflow.compiler.frontend.mlir.MlirSyntax.ScalarType;
import dev.fuseflow.compiler.frontend.mlir.MlirSyntax.SourceFile;
import dev.fuseflow.compiler.frontend.mlir.MlirSyntax.StringAttr;
import dev.fuseflow.compiler.frontend.mlir.MlirSyntax.TensorType;
import dev.fuseflow.compiler.frontend.mlir.MlirSyntax.Type;
import dev.fuseflow.compiler.frontend.mlir.MlirSyntax.Use;
import dev.fuseflow.compiler.frontend.mlir.MlirSyntax.WordAttr;
import dev.fuseflow.compiler.frontend.mlir.MlirToken.Kind;
import dev.fuseflow.simulator.tensor.LevelFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recursive-descent parser for the MLIR subset FuseFlow reads (reference/fuseflow-compiler.md §5.1). The whole
 * grammar is here; one method per rule, named after it:
 *
 * <pre>
 * file        := { alias-def | module | func }*
 * alias-def   := HASH "=" attribute                         (maps, encodings, trait dictionaries)
 * module      := "module" [ "attributes" dict ] "{" { func | other-op }* "}"
 * func        := "func.func" [ "private" | "public" ] SYMBOL "(" [ arg { "," arg }* ] ")"
 *                [ "->" ( type | "(" [ type { "," type }* ] ")" ) ] [ "attributes" dict ] [ "{" { op }* "}" ]
 * arg         := VALUE ":" type [ dict ]
 * op          := return | [ results "=" ] op-body
 * return      := ( "return" | "func.return" ) [ use { "," use }* ":" type { "," type }* ]
 * results     := VALUE [ ":" INTEGER ] { "," VALUE }*
 * op-body     := "arith.constant" attribute [ ":" type ]
 *              | "tensor.empty" "(" [ use { "," use }* ] ")" ":" type
 *              | "linalg.fill" [ dict ] ins outs [ "->" types ]
 *              | "linalg.generic" ( dict | HASH ) ins outs [ "attrs" "=" dict ] region [ "->" types ]
 *              | "linalg." NAMED [ dict ] ins outs [ "permutation" "=" array ] [ "->" types ]
 *              | other-op                                 (skipped to the end of its line and its brackets)
 * ins         := "ins" "(" [ use { "," use }* ":" type { "," type }* ] ")"        (outs likewise)
 * region      := "{" [ BLOCK "(" arg { "," arg }* ")" ":" ] { body-op }* "linalg.yield" [ use {"," use}* ":" types ] "}"
 * body-op     := [ VALUE "=" ] NAME [ WORD "," ] { use | number } [ attr-dict | "fastmath" "<" ... ">" ] ":" type [ "to" type ]
 * type        := "tensor" "<" { ( INTEGER | "?" ) "x" }* ELEMENT [ "," ( HASH | encoding ) ] ">" | ELEMENT | opaque
 * encoding    := "#sparse_tensor.encoding" "<" "{" "map" "=" "(" ids ")" "->" "(" ID ":" LEVEL { "," ID ":" LEVEL }* ")" [ "," ... ] "}" ">"
 * attribute   := "affine_map" "<" affine-map ">" | encoding | HASH | dict | array | STRING | number [ ":" type ]
 *              | ( "dense" | "dense_resource" ) "<" ... ">" | WORD | HASH "<" ... ">"
 * affine-map  := "(" ids ")" [ "[" ids "]" ] "->" "(" ( ID | INTEGER ) { "," ( ID | INTEGER ) }* ")"
 * </pre>
 *
 * Ops the subset does not define are skipped, not rejected: the {@link FunctionTranslator} reports one only
 * when a returned value depends on it (the original ignores dead code the same way).
 */
final class MlirParser {
    private final List<MlirToken> tokens;
    private final Map<String, Attribute> aliases = new HashMap<>();
    private int next;

    private MlirParser(List<MlirToken> tokens) {
        this.tokens = tokens;
    }

    static SourceFile parse(String file, String text) {
        if (text.isBlank()) {
            throw new SourceLocation(file, 1, 1).error("the file is empty; expected an MLIR module with a func.func");
        }
        MlirParser parser = new MlirParser(MlirLexer.lex(file, text));
        return new SourceFile(file, parser.file());
    }

    // ---------------------------------------------------------------- structure

    private List<Function> file() {
        List<Function> functions = new ArrayList<>();
        while (peek().kind() != Kind.END) {
            MlirToken token = peek();
            if (token.kind() == Kind.HASH) {
                aliasDef();
            } else if (token.is("module")) {
                functions.addAll(module());
            } else if (token.is("func.func")) {
                Function function = func();
                if (function != null) {
                    functions.add(function);
                }
            } else {
                throw error(token, "expected 'module', 'func.func' or an alias definition like '#map = affine_map<...>'"
                        + " but found " + token.describe());
            }
        }
        return functions;
    }

    private void aliasDef() {
        MlirToken name = take();
        expect("=");
        Attribute value = attribute();
        aliases.put(name.text(), value);
    }

    private List<Function> module() {
        take();
        if (peek().kind() == Kind.SYMBOL) {
            take();
        }
        if (accept("attributes")) {
            dict();
        }
        MlirToken open = expect("{");
        List<Function> functions = new ArrayList<>();
        while (!peek().is("}")) {
            if (peek().kind() == Kind.END) {
                throw error(open, "the module opened here is not closed before the end of the file");
            }
            if (peek().is("func.func")) {
                Function function = func();
                if (function != null) {
                    functions.add(function);
                }
            } else {
                skipOp();
            }
        }
        take();
        return functions;
    }

    /** A function definition, or null for a declaration without a body. */
    private Function func() {
        MlirToken keyword = take();
        if (peek().is("private") || peek().is("public")) {
            take();
        }
        MlirToken name = expectKind(Kind.SYMBOL, "the function's name, like @forward");
        expect("(");
        List<Argument> arguments = new ArrayList<>();
        if (!peek().is(")")) {
            do {
                MlirToken arg = expectKind(Kind.VALUE, "an argument like %arg0");
                expect(":");
                Type type = type();
                if (peek().is("{")) {
                    dict();
                }
                arguments.add(new Argument(arg.text(), type, arg.at()));
            } while (accept(","));
        }
        expect(")");
        List<Type> results = new ArrayList<>();
        if (accept("->")) {
            if (accept("(")) {
                if (!peek().is(")")) {
                    do {
                        results.add(type());
                    } while (accept(","));
                }
                expect(")");
            } else {
                results.add(type());
            }
        }
        if (accept("attributes")) {
            dict();
        }
        if (!peek().is("{")) {
            return null;
        }
        MlirToken open = take();
        List<Op> ops = new ArrayList<>();
        Return ret = null;
        while (!peek().is("}")) {
            if (peek().kind() == Kind.END) {
                throw error(open, "the body of " + name.text() + " opened here is not closed before the end of the file");
            }
            if (peek().is("return") || peek().is("func.return")) {
                ret = ret();
            } else {
                ops.add(op());
            }
        }
        take();
        if (ret == null) {
            throw error(open, "function " + name.text() + " has no return");
        }
        return new Function(name.text().substring(1), arguments, results, ops, ret, keyword.at());
    }

    private Return ret() {
        MlirToken keyword = take();
        List<Use> values = new ArrayList<>();
        List<Type> types = new ArrayList<>();
        if (peek().kind() == Kind.VALUE) {
            values = uses();
            expect(":");
            types = types();
        }
        return new Return(values, types, keyword.at());
    }

    private Op op() {
        MlirToken start = peek();
        List<String> results = new ArrayList<>();
        if (start.kind() == Kind.VALUE) {
            do {
                MlirToken result = expectKind(Kind.VALUE, "a result name like %0");
                if (accept(":")) {
                    MlirToken count = expectKind(Kind.INTEGER, "the number of results, as in %21:2");
                    int n = Integer.parseInt(count.text());
                    for (int k = 0; k < n; k++) {
                        results.add(result.text() + "#" + k);
                    }
                } else {
                    results.add(result.text());
                }
            } while (accept(","));
            expect("=");
        }
        MlirToken name = peek();
        if (name.kind() == Kind.STRING) {
            skipOp();
            return new Other(results, name.text().substring(1, name.text().length() - 1), name.at());
        }
        if (name.kind() != Kind.WORD) {
            throw error(name, "expected an op name like linalg.generic but found " + name.describe());
        }
        String opName = name.text();
        if (results.isEmpty()) {
            // Ops without results (memref forms, writes) cannot feed a returned tensor.
            skipOp();
            return new Other(results, opName, name.at());
        }
        if (opName.equals("arith.constant")) {
            take();
            return constant(single(results, name), name);
        }
        if (opName.equals("tensor.empty")) {
            take();
            expect("(");
            if (!peek().is(")")) {
                uses();
            }
            expect(")");
            expect(":");
            return new Empty(single(results, name), type(), name.at());
        }
        if (opName.equals("linalg.fill")) {
            take();
            return fill(single(results, name), name);
        }
        if (opName.equals("linalg.generic")) {
            take();
            return generic(results, name);
        }
        if (opName.startsWith("linalg.") && NamedOps.NAMES.contains(opName.substring("linalg.".length()))) {
            take();
            return named(results, name);
        }
        skipOp();
        return new Other(results, opName, name.at());
    }

    private static String single(List<String> results, MlirToken name) {
        if (results.size() != 1) {
            throw name.at().error(name.text() + " defines exactly one result, not " + results.size());
        }
        return results.get(0);
    }

    private Constant constant(String result, MlirToken name) {
        Attribute value = attribute();
        Type type;
        if (accept(":")) {
            type = type();
        } else if (value instanceof WordAttr word && (word.word().equals("true") || word.word().equals("false"))) {
            type = new ScalarType("i1");
        } else {
            throw error(peek(), "expected ':' and the constant's type but found " + peek().describe());
        }
        return new Constant(result, value, type, name.at());
    }

    private Fill fill(String result, MlirToken name) {
        if (peek().is("{")) {
            dict();
        }
        Operands ins = operands("ins");
        Operands outs = operands("outs");
        if (ins.uses().size() != 1 || outs.uses().size() != 1) {
            throw name.at().error("linalg.fill takes one ins value and one outs tensor");
        }
        List<Type> resultTypes = resultTypes();
        return new Fill(result, ins.uses().get(0), ins.types().get(0), outs.uses().get(0), outs.types().get(0),
                resultTypes.isEmpty() ? outs.types().get(0) : resultTypes.get(0), name.at());
    }

    private Linalg generic(List<String> results, MlirToken name) {
        MlirToken traitToken = peek();
        Attribute trait = peek().kind() == Kind.HASH ? aliasRef(take()) : dict();
        if (!(trait instanceof DictAttr dict)) {
            throw error(traitToken, "linalg.generic needs a trait dictionary with indexing_maps and iterator_types");
        }
        Operands ins = operands("ins");
        Operands outs = operands("outs");
        if (accept("attrs")) {
            expect("=");
            dict();
        }
        Block body = region();
        List<Type> resultTypes = resultTypes();
        List<AffineMap> maps = indexingMaps(dict, traitToken);
        List<Boolean> reductions = iteratorTypes(dict, traitToken);
        if (maps.size() != ins.uses().size() + outs.uses().size()) {
            throw traitToken.at().error("linalg.generic has " + maps.size() + " indexing maps for "
                    + (ins.uses().size() + outs.uses().size()) + " operands (" + ins.uses().size() + " ins, "
                    + outs.uses().size() + " outs); it needs one map per operand");
        }
        for (AffineMap map : maps) {
            if (map.dims().size() != reductions.size()) {
                throw map.at().error("the indexing map " + map.text() + " has " + map.dims().size()
                        + " dimensions but the op has " + reductions.size() + " iterator types");
            }
        }
        return new Linalg(results, name.text(), maps, reductions, ins.uses(), ins.types(), outs.uses(),
                outs.types(), body, resultTypes, name.at());
    }

    private List<AffineMap> indexingMaps(DictAttr trait, MlirToken at) {
        Attribute maps = trait.entries().get("indexing_maps");
        if (!(maps instanceof ArrayAttr array)) {
            throw error(at, "the linalg.generic trait has no 'indexing_maps = [...]'");
        }
        List<AffineMap> out = new ArrayList<>();
        for (Attribute element : array.elements()) {
            if (!(element instanceof AffineMapAttr map)) {
                throw element.at().error("indexing_maps must list affine maps like affine_map<(d0, d1) -> (d0, d1)>");
            }
            out.add(map.map());
        }
        return out;
    }

    private List<Boolean> iteratorTypes(DictAttr trait, MlirToken at) {
        Attribute iterators = trait.entries().get("iterator_types");
        if (!(iterators instanceof ArrayAttr array)) {
            throw error(at, "the linalg.generic trait has no 'iterator_types = [...]'");
        }
        List<Boolean> out = new ArrayList<>();
        for (Attribute element : array.elements()) {
            String word = element instanceof StringAttr s ? s.value()
                    : element instanceof OpaqueAttr o && o.text().startsWith("#linalg.iterator_type<")
                            ? o.text().substring("#linalg.iterator_type<".length(), o.text().length() - 1) : "";
            if (!word.equals("parallel") && !word.equals("reduction")) {
                throw element.at().error("iterator types are \"parallel\" or \"reduction\"");
            }
            out.add(word.equals("reduction"));
        }
        return out;
    }

    private Linalg named(List<String> results, MlirToken name) {
        if (peek().is("{")) {
            dict();
        }
        Operands ins = operands("ins");
        Operands outs = operands("outs");
        List<Integer> permutation = null;
        if (accept("permutation")) {
            expect("=");
            MlirToken at = peek();
            Attribute value = attribute();
            permutation = integers(value, at);
        }
        List<Type> resultTypes = resultTypes();
        if (resultTypes.isEmpty()) {
            resultTypes = outs.types();
        }
        return NamedOps.expand(name.text().substring("linalg.".length()), results, ins.uses(), ins.types(),
                outs.uses(), outs.types(), resultTypes, permutation, name.at());
    }

    private List<Integer> integers(Attribute value, MlirToken at) {
        List<Integer> out = new ArrayList<>();
        if (value instanceof ArrayAttr array) {
            for (Attribute element : array.elements()) {
                if (!(element instanceof NumberAttr number) || !number.text().matches("\\d+")) {
                    throw element.at().error("expected an integer dimension index");
                }
                out.add(Integer.parseInt(number.text()));
            }
            return out;
        }
        throw error(at, "expected a list of dimension indices like [1, 0]");
    }

    private record Operands(List<Use> uses, List<Type> types) {
    }

    private Operands operands(String keyword) {
        MlirToken at = peek();
        if (!accept(keyword)) {
            throw error(at, "expected '" + keyword + "(...)' but found " + at.describe());
        }
        expect("(");
        List<Use> uses = new ArrayList<>();
        List<Type> types = new ArrayList<>();
        if (!peek().is(")")) {
            uses = uses();
            expect(":");
            types = types();
        }
        expect(")");
        if (uses.size() != types.size()) {
            throw error(at, keyword + "(...) lists " + uses.size() + " values but " + types.size() + " types");
        }
        return new Operands(uses, types);
    }

    private List<Type> resultTypes() {
        if (!accept("->")) {
            return List.of();
        }
        if (accept("(")) {
            List<Type> types = types();
            expect(")");
            return types;
        }
        return List.of(type());
    }

    private Block region() {
        MlirToken open = expect("{");
        List<Argument> arguments = new ArrayList<>();
        if (peek().kind() == Kind.BLOCK) {
            take();
            expect("(");
            if (!peek().is(")")) {
                do {
                    MlirToken arg = expectKind(Kind.VALUE, "a block argument like %in");
                    expect(":");
                    arguments.add(new Argument(arg.text(), type(), arg.at()));
                } while (accept(","));
            }
            expect(")");
            expect(":");
        }
        List<BodyOp> ops = new ArrayList<>();
        while (!peek().is("linalg.yield")) {
            if (peek().is("}") || peek().kind() == Kind.END) {
                throw error(peek().kind() == Kind.END ? open : peek(), "the linalg.generic body opened here has no"
                        + " linalg.yield");
            }
            ops.add(bodyOp());
        }
        MlirToken yield = take();
        List<Use> yields = new ArrayList<>();
        if (peek().kind() == Kind.VALUE) {
            yields = uses();
            expect(":");
            types();
        }
        if (!peek().is("}")) {
            throw error(peek(), "expected '}' closing the body opened at " + open.at() + " but found "
                    + peek().describe());
        }
        take();
        return new Block(arguments, ops, yields, yield.at());
    }

    private BodyOp bodyOp() {
        String result = null;
        if (peek().kind() == Kind.VALUE) {
            result = take().text();
            expect("=");
        }
        MlirToken name = expectKind(Kind.WORD, "a body op like arith.addf");
        String word = null;
        String literal = null;
        List<Use> operands = new ArrayList<>();
        int line = name.at().line();
        while (!peek().is(":") && peek().at().line() == line && peek().kind() != Kind.END) {
            MlirToken token = peek();
            if (token.kind() == Kind.VALUE) {
                operands.add(new Use(take().text(), token.at()));
            } else if (token.kind() == Kind.WORD && token.text().equals("fastmath")) {
                take();
                skipBalanced();
            } else if (token.kind() == Kind.WORD && word == null && operands.isEmpty() && literal == null) {
                word = take().text();
            } else if (token.kind() == Kind.INTEGER || token.kind() == Kind.FLOAT) {
                literal = take().text();
            } else if (token.is("-") && (peek(1).kind() == Kind.INTEGER || peek(1).kind() == Kind.FLOAT)) {
                take();
                literal = "-" + take().text();
            } else if (token.is("{")) {
                skipBalanced();
            } else if (token.is(",")) {
                take();
            } else {
                throw error(token, "unexpected " + token.describe() + " in " + name.text());
            }
        }
        List<Type> types = new ArrayList<>();
        if (accept(":")) {
            types.add(type());
            while (accept(",") || accept("to")) {
                types.add(type());
            }
        }
        return new BodyOp(result, name.text(), word, operands, literal, types, name.at());
    }

    // ---------------------------------------------------------------- types

    private List<Type> types() {
        List<Type> types = new ArrayList<>();
        do {
            types.add(type());
        } while (accept(","));
        return types;
    }

    private Type type() {
        MlirToken start = peek();
        if (start.is("tensor")) {
            take();
            return tensorType(start);
        }
        if (start.kind() == Kind.WORD && start.text().matches("f16|bf16|f32|f64|i1|i8|i16|i32|i64|index")) {
            take();
            return new ScalarType(start.text());
        }
        if (start.kind() == Kind.WORD || start.is("!")) {
            StringBuilder text = new StringBuilder(take().text());
            if (peek().is("<")) {
                text.append(skipBalanced());
            }
            return new OpaqueType(text.toString());
        }
        throw error(start, "expected a type like tensor<4x4xf32> or f32 but found " + start.describe());
    }

    private TensorType tensorType(MlirToken start) {
        expect("<");
        StringBuilder glued = new StringBuilder();
        MlirToken first = peek();
        while (!peek().is(",") && !peek().is(">")) {
            MlirToken token = take();
            if (token.kind() == Kind.END) {
                throw error(start, "the tensor type starting here is not closed with '>'");
            }
            glued.append(token.text());
        }
        String text = glued.toString();
        List<Integer> shape = new ArrayList<>();
        int pos = 0;
        while (true) {
            int x = text.indexOf('x', pos);
            if (x < 0) {
                break;
            }
            String dim = text.substring(pos, x);
            if (dim.equals("?")) {
                shape.add(TensorType.DYNAMIC);
            } else if (dim.matches("\\d+")) {
                shape.add(Integer.parseInt(dim));
            } else {
                break;
            }
            pos = x + 1;
        }
        String element = text.substring(pos);
        if (!element.matches("f16|bf16|f32|f64|i1|i8|i16|i32|i64|index")) {
            throw error(first, "'" + text + "' is not a tensor shape and element type like 4x?xf32");
        }
        Encoding encoding = null;
        if (accept(",")) {
            MlirToken at = peek();
            Attribute attribute = attribute();
            if (!(attribute instanceof EncodingAttr enc)) {
                String found = attribute instanceof OpaqueAttr opaque ? opaque.text().replaceAll("<.*", "") : at.text();
                throw error(at, "tensor encoding " + found + " is not supported; FuseFlow reads #sparse_tensor.encoding"
                        + (found.startsWith("#sam.") ? " (a file of SAM ops is compiler output, not input)" : ""));
            }
            encoding = enc.encoding();
            if (encoding.dims().size() != shape.size()) {
                throw error(at, "the encoding maps " + encoding.dims().size() + " dimensions but the tensor has "
                        + shape.size());
            }
        }
        expect(">");
        return new TensorType(shape, element, encoding);
    }

    // ---------------------------------------------------------------- attributes

    private Attribute attribute() {
        MlirToken start = peek();
        if (start.is("affine_map")) {
            take();
            expect("<");
            AffineMap map = affineMap(start);
            expect(">");
            return new AffineMapAttr(map, start.at());
        }
        if (start.kind() == Kind.HASH && start.text().equals("#sparse_tensor.encoding")) {
            take();
            return new EncodingAttr(encoding(start), start.at());
        }
        if (start.kind() == Kind.HASH) {
            take();
            if (peek().is("<")) {
                return new OpaqueAttr(start.text() + skipBalanced(), start.at());
            }
            return aliasRef(start);
        }
        if (start.is("{")) {
            return dict();
        }
        if (start.is("[")) {
            take();
            List<Attribute> elements = new ArrayList<>();
            if (!peek().is("]")) {
                do {
                    elements.add(attribute());
                } while (accept(","));
            }
            expect("]");
            return new ArrayAttr(elements, start.at());
        }
        if (start.kind() == Kind.STRING) {
            take();
            return new StringAttr(start.text().substring(1, start.text().length() - 1), start.at());
        }
        if (start.kind() == Kind.INTEGER || start.kind() == Kind.FLOAT
                || start.is("-") && (peek(1).kind() == Kind.INTEGER || peek(1).kind() == Kind.FLOAT)) {
            String sign = accept("-") ? "-" : "";
            return new NumberAttr(sign + take().text(), start.at());
        }
        if (start.is("dense") || start.is("dense_resource")) {
            take();
            return dense(start);
        }
        if (start.kind() == Kind.WORD) {
            take();
            if (peek().is("<")) {
                return new OpaqueAttr(start.text() + skipBalanced(), start.at());
            }
            return new WordAttr(start.text(), start.at());
        }
        throw error(start, "expected an attribute value but found " + start.describe());
    }

    private Attribute aliasRef(MlirToken name) {
        Attribute value = aliases.get(name.text());
        if (value == null) {
            throw error(name, "the alias " + name.text() + " is not defined; define it at the top of the file, like '"
                    + name.text() + " = affine_map<(d0, d1) -> (d0, d1)>'");
        }
        return value;
    }

    private DictAttr dict() {
        MlirToken open = expect("{");
        Map<String, Attribute> entries = new LinkedHashMap<>();
        if (!peek().is("}")) {
            do {
                MlirToken key = take();
                if (key.kind() != Kind.WORD && key.kind() != Kind.STRING) {
                    throw error(key, "expected an attribute name but found " + key.describe());
                }
                String name = key.kind() == Kind.STRING ? key.text().substring(1, key.text().length() - 1) : key.text();
                entries.put(name, accept("=") ? attribute() : new WordAttr("unit", key.at()));
            } while (accept(","));
        }
        if (!peek().is("}")) {
            throw error(peek(), "expected ',' or '}' in the attribute dictionary opened at " + open.at() + " but found "
                    + peek().describe());
        }
        take();
        return new DictAttr(entries, open.at());
    }

    private DenseAttr dense(MlirToken keyword) {
        MlirToken open = expect("<");
        if (keyword.is("dense_resource")) {
            MlirToken name = take();
            expect(">");
            return new DenseAttr("dense_resource", null, name.text(), keyword.at());
        }
        MlirToken first = peek();
        boolean negative = first.is("-");
        MlirToken number = negative ? peek(1) : first;
        if ((number.kind() == Kind.INTEGER || number.kind() == Kind.FLOAT) && (negative ? peek(2) : peek(1)).is(">")) {
            next += negative ? 2 : 1;
            expect(">");
            return new DenseAttr("dense", numberValue((negative ? "-" : "") + number.text(), null, number.at()), null,
                    keyword.at());
        }
        if (first.is("true") || first.is("false")) {
            take();
            expect(">");
            return new DenseAttr("dense", first.is("true") ? 1.0 : 0.0, null, keyword.at());
        }
        next--;
        skipBalanced();
        return new DenseAttr("dense", null, null, open.at());
    }

    /** A number literal's value; hexadecimal literals are bit patterns of the given float type. */
    static double numberValue(String text, String type, SourceLocation at) {
        boolean negative = text.startsWith("-");
        String digits = negative ? text.substring(1) : text;
        double value;
        if (digits.startsWith("0x")) {
            long bits = Long.parseUnsignedLong(digits.substring(2), 16);
            if ("f64".equals(type)) {
                value = Double.longBitsToDouble(bits);
            } else if (type == null || "f32".equals(type)) {
                value = Float.intBitsToFloat((int) bits);
            } else {
                throw at.error("hexadecimal constants are read for f32 and f64 only, not " + type);
            }
        } else {
            try {
                value = Double.parseDouble(digits);
            } catch (NumberFormatException e) {
                throw at.error("'" + text + "' is not a number");
            }
        }
        return negative ? -value : value;
    }

    private Encoding encoding(MlirToken start) {
        expect("<");
        expect("{");
        List<String> dims = null;
        List<Level> levels = null;
        do {
            MlirToken key = expectKind(Kind.WORD, "an encoding field like map");
            expect("=");
            switch (key.text()) {
                case "map" -> {
                    dims = new ArrayList<>();
                    levels = new ArrayList<>();
                    encodingMap(dims, levels);
                }
                case "lvlTypes", "dimToLvl", "dimOrdering" -> throw error(key, "the legacy sparse encoding field '"
                        + key.text() + "' is not supported (current MLIR rejects it too); write map = (i, j) -> "
                        + "(i : dense, j : compressed)");
                default -> attribute();
            }
        } while (accept(","));
        expect("}");
        expect(">");
        if (dims == null) {
            throw error(start, "the sparse encoding has no 'map = (...) -> (...)'");
        }
        return new Encoding(dims, levels);
    }

    private void encodingMap(List<String> dims, List<Level> levels) {
        if (peek().is("[")) {
            skipBalanced();
        }
        expect("(");
        if (!peek().is(")")) {
            do {
                dims.add(expectKind(Kind.WORD, "a dimension name").text());
            } while (accept(","));
        }
        expect(")");
        expect("->");
        expect("(");
        boolean[] seen = new boolean[dims.size()];
        do {
            MlirToken dim = expectKind(Kind.WORD, "a dimension name of the encoding map");
            int index = dims.indexOf(dim.text());
            if (index < 0 || !peek().is(":")) {
                throw error(dim, "encoding levels must be a plain dimension with a level type, like '"
                        + (dims.isEmpty() ? "i" : dims.get(0)) + " : compressed'");
            }
            if (seen[index]) {
                throw error(dim, "the encoding stores dimension " + dim.text() + " twice");
            }
            seen[index] = true;
            expect(":");
            MlirToken format = expectKind(Kind.WORD, "a level type (dense or compressed)");
            LevelFormat levelFormat = switch (format.text()) {
                case "dense" -> LevelFormat.DENSE;
                case "compressed" -> LevelFormat.COMPRESSED;
                default -> throw error(format, "level type '" + format.text() + "' is not supported (accepted: dense,"
                        + " compressed)");
            };
            if (peek().is("(")) {
                throw error(peek(), "level properties like (nonunique) are not supported; use plain dense or compressed");
            }
            levels.add(new Level(index, levelFormat));
        } while (accept(","));
        expect(")");
        if (levels.size() != dims.size()) {
            throw error(peek(), "the encoding has " + dims.size() + " dimensions but " + levels.size() + " levels");
        }
    }

    private AffineMap affineMap(MlirToken start) {
        expect("(");
        List<String> dims = new ArrayList<>();
        if (!peek().is(")")) {
            do {
                dims.add(expectKind(Kind.WORD, "a dimension name like d0").text());
            } while (accept(","));
        }
        expect(")");
        if (peek().is("[")) {
            skipBalanced();
        }
        expect("->");
        MlirToken open = expect("(");
        List<AffineResult> results = new ArrayList<>();
        if (!peek().is(")")) {
            do {
                MlirToken first = peek();
                int depth = 0;
                int count = 0;
                while (depth > 0 || !peek().is(",") && !peek().is(")")) {
                    MlirToken token = take();
                    if (token.kind() == Kind.END) {
                        throw error(open, "the affine map results opened here are not closed");
                    }
                    depth += token.is("(") ? 1 : token.is(")") ? -1 : 0;
                    count++;
                }
                if (count == 1 && first.kind() == Kind.WORD && dims.contains(first.text())) {
                    results.add(new AffineResult(dims.indexOf(first.text()), 0, first.at()));
                } else if (count == 1 && first.kind() == Kind.INTEGER) {
                    results.add(new AffineResult(-1, Long.parseLong(first.text()), first.at()));
                } else if (count == 1 && first.kind() == Kind.WORD) {
                    throw error(first, "'" + first.text() + "' is not a dimension of the affine map (dimensions: "
                            + String.join(", ", dims) + ")");
                } else {
                    throw error(first, "affine map results must each be a dimension or the constant 0; compound"
                            + " expressions like 'd0 + d1' are not supported");
                }
            } while (accept(","));
        }
        expect(")");
        return new AffineMap(dims, results, start.at());
    }

    // ---------------------------------------------------------------- helpers

    private List<Use> uses() {
        List<Use> uses = new ArrayList<>();
        do {
            MlirToken value = expectKind(Kind.VALUE, "a value like %0");
            uses.add(new Use(value.text(), value.at()));
        } while (accept(","));
        return uses;
    }

    /**
     * Skips an op the subset does not define: everything up to the first line break outside brackets, so a
     * region's lines go with it.
     */
    private void skipOp() {
        int depth = 0;
        MlirToken previous = null;
        while (peek().kind() != Kind.END) {
            MlirToken token = peek();
            if (depth == 0 && previous != null && token.at().line() > previous.at().line()) {
                return;
            }
            if (depth == 0 && token.is("}")) {
                return;
            }
            take();
            if (token.is("(") || token.is("[") || token.is("{") || token.is("<")) {
                depth++;
            } else if (token.is(")") || token.is("]") || token.is("}") || token.is(">")) {
                depth--;
            }
            previous = token;
        }
    }

    /** Skips a bracketed group starting at the current token and returns its text. */
    private String skipBalanced() {
        MlirToken open = peek();
        StringBuilder text = new StringBuilder();
        int depth = 0;
        do {
            MlirToken token = take();
            if (token.kind() == Kind.END) {
                throw error(open, "the bracket opened here is not closed before the end of the file");
            }
            text.append(token.text());
            if (token.is("(") || token.is("[") || token.is("{") || token.is("<")) {
                depth++;
            } else if (token.is(")") || token.is("]") || token.is("}") || token.is(">")) {
                depth--;
            }
        } while (depth > 0);
        return text.toString();
    }

    private MlirToken peek() {
        return tokens.get(next);
    }

    private MlirToken peek(int ahead) {
        return tokens.get(Math.min(next + ahead, tokens.size() - 1));
    }

    private MlirToken take() {
        MlirToken token = tokens.get(next);
        if (token.kind() != Kind.END) {
            next++;
        }
        return token;
    }

    private boolean accept(String text) {
        if (peek().is(text)) {
            next++;
            return true;
        }
        return false;
    }

    private MlirToken expect(String text) {
        MlirToken token = peek();
        if (!token.is(text)) {
            throw error(token, "expected '" + text + "' but found " + token.describe());
        }
        next++;
        return token;
    }

    private MlirToken expectKind(Kind kind, String what) {
        MlirToken token = peek();
        if (token.kind() != kind) {
            throw error(token, "expected " + what + " but found " + token.describe());
        }
        next++;
        return token;
    }

    private static dev.fuseflow.diagnostics.UserError error(MlirToken at, String sentence) {
        return at.at().error(sentence);
    }
}
