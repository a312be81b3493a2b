package dev.fuseflow.compiler.frontend.einsum;

import dev.fuseflow.compiler.ir.Access;
import dev.fuseflow.compiler.ir.Apply;
import dev.fuseflow.compiler.ir.Assignment;
import dev.fuseflow.compiler.ir.Difference;
import dev.fuseflow.compiler.ir.Expr;
import dev.fuseflow.compiler.ir.IndexVar;
import dev.fuseflow.compiler.ir.Product;
import dev.fuseflow.compiler.ir.Program;
import dev.fuseflow.compiler.ir.Quotient;
import dev.fuseflow.compiler.ir.ReduceFunction;
import dev.fuseflow.compiler.ir.Reduction;
import dev.fuseflow.compiler.ir.Sum;
import dev.fuseflow.compiler.ir.TensorDecl;
import dev.fuseflow.compiler.ir.UnaryFunction;
import dev.fuseflow.diagnostics.UserError;
import dev.fuseflow.simulator.tensor.LevelFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses einsum program text, one statement per line:
 *
 * <pre>
 * # program gcn_layer            (comments; the first names the program)
 * A: (dense, compressed) [8, 8]   (declaration: formats per level, shape, optional "order [1, 0]")
 * 0: T(i,j) = sum_k(A(i,k) * X(k,j))
 * H(i,j) = relu(T(i,j) + b(j))    (the "n:" prefix is optional)
 * </pre>
 *
 * Expressions: {@code + - * /} between tensors, constants on one side of {@code * / + -} (scalar ops),
 * {@code relu exp rsqrt sigmoid sin cos}, {@code max(x, c)}, reductions {@code sum_k(...)}/{@code max_k(...)},
 * and implicit sums over variables missing from the target.
 */
public final class EinsumParser {
    private static final List<String> FUNCTIONS = List.of("relu", "exp", "rsqrt", "sigmoid", "sin", "cos", "max",
            "sum_<var>", "max_<var>");

    private final String file;
    private final List<Token> tokens;
    private int next;

    private EinsumParser(String file, List<Token> tokens) {
        this.file = file;
        this.tokens = tokens;
    }

    /** Parses a whole program; {@code file} names the source in error messages. */
    public static Program parse(String text, String file, String defaultName) {
        String name = defaultName;
        Map<String, TensorDecl> tensors = new LinkedHashMap<>();
        List<Assignment> assignments = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.startsWith("#")) {
                String comment = trimmed.substring(1).strip();
                if (comment.startsWith("program ") && assignments.isEmpty() && tensors.isEmpty()) {
                    name = comment.substring("program ".length()).strip();
                }
                continue;
            }
            EinsumParser parser = new EinsumParser(file, Lexer.lex(file, n + 1, line));
            if (parser.isDeclaration()) {
                TensorDecl decl = parser.declaration();
                if (tensors.containsKey(decl.name())) {
                    throw parser.error(parser.tokens.get(0), "tensor '" + decl.name() + "' is declared twice");
                }
                tensors.put(decl.name(), decl);
            } else {
                assignments.add(parser.assignment(tensors));
            }
        }
        if (assignments.isEmpty()) {
            throw UserError.of(file + ": the program has no assignment; write one like 'Y(i,j) = A(i,k) * X(k,j)'");
        }
        return new Program(name, tensors, assignments);
    }

    private boolean isDeclaration() {
        return tokens.size() > 1 && tokens.get(0).kind() == Kind.NAME && tokens.get(1).text().equals(":");
    }

    private TensorDecl declaration() {
        Token nameToken = expect(Kind.NAME, "a tensor name");
        expectSymbol(":");
        List<LevelFormat> formats = new ArrayList<>();
        NamedFormat named = null;
        Token namedToken = null;
        if (acceptSymbol("(")) {
            do {
                Token word = expect(Kind.NAME, "a level format (dense or compressed)");
                formats.add(format(word));
            } while (acceptSymbol(","));
            expectSymbol(")");
        } else {
            Token word = expect(Kind.NAME, "level formats in parentheses or a format name ("
                    + String.join(", ", NamedFormat.NAMES) + ")");
            namedToken = word;
            named = NamedFormat.of(word.text()).orElseThrow(() -> error(word,
                    "'" + word.text() + "' is not a format name", NamedFormat.NAMES.toArray(String[]::new)));
        }
        List<Integer> shape = intList();
        List<Integer> order = null;
        if (named != null) {
            if (!named.accepts(shape.size())) {
                throw error(namedToken, "format '" + named.word() + "' describes a matrix, but tensor '"
                        + nameToken.text() + "' has " + shape.size() + " dimensions");
            }
            formats = named.formats(shape.size());
            order = named.modeOrder(shape.size());
        }
        if (peek().kind() == Kind.NAME && peek().text().equals("order")) {
            Token orderToken = tokens.get(next);
            next++;
            if (named != null && named.modeOrder(shape.size()) != null) {
                throw error(orderToken, "format '" + named.word() + "' fixes the mode order; write the levels "
                        + "in parentheses to choose another");
            }
            order = intList();
        }
        expect(Kind.END, "the end of the declaration");
        if (shape.size() != formats.size()) {
            throw error(nameToken, "tensor '" + nameToken.text() + "' has " + formats.size() + " level formats but "
                    + shape.size() + " dimensions");
        }
        for (int size : shape) {
            if (size < 1) {
                throw error(nameToken, "tensor '" + nameToken.text() + "' has a dimension of size " + size
                        + "; sizes must be positive");
            }
        }
        TensorDecl decl = TensorDecl.of(nameToken.text(), shape, formats);
        if (order != null) {
            List<Integer> sorted = new ArrayList<>(order);
            sorted.sort(null);
            if (!sorted.equals(decl.modeOrder())) {
                throw error(nameToken, "the mode order " + order + " of tensor '" + nameToken.text()
                        + "' is not a permutation of its modes " + decl.modeOrder());
            }
            decl = decl.withModeOrder(order);
        }
        return decl;
    }

    private LevelFormat format(Token word) {
        for (LevelFormat format : LevelFormat.values()) {
            if (format.word().equals(word.text())) {
                return format;
            }
        }
        throw error(word, "'" + word.text() + "' is not a level format", "dense", "compressed");
    }

    private List<Integer> intList() {
        expectSymbol("[");
        List<Integer> values = new ArrayList<>();
        do {
            Token number = expect(Kind.NUMBER, "an integer");
            try {
                values.add(Integer.parseInt(number.text()));
            } catch (NumberFormatException e) {
                throw error(number, "'" + number.text() + "' is not an integer");
            }
        } while (acceptSymbol(","));
        expectSymbol("]");
        return values;
    }

    private Assignment assignment(Map<String, TensorDecl> tensors) {
        if (peek().kind() == Kind.NUMBER && tokens.get(next + 1).text().equals(":")) {
            next += 2;
        }
        Token start = peek();
        if (start.kind() == Kind.NAME && !tensors.containsKey(start.text())
                && tokens.get(next + 1).text().equals("(")) {
            throw error(start, "tensor '" + start.text() + "' is assigned but not declared; declare it first, like '"
                    + start.text() + ": (dense, compressed) [8, 8]'");
        }
        Expr target = primary(tensors).expr();
        if (!(target instanceof Access access)) {
            throw error(start, "an assignment must start with the tensor it writes, like 'Y(i,j) ='");
        }
        expectSymbol("=");
        Operand parsed = expression(tensors);
        expect(Kind.END, "an operator or the end of the line");
        if (parsed.isConstant()) {
            throw error(start, "the value of " + access + " is a constant; constants may only scale a tensor");
        }
        Expr value = parsed.expr();
        for (IndexVar var : access.indices()) {
            if (access.indices().indexOf(var) != access.indices().lastIndexOf(var)) {
                throw error(start, "the target " + access + " repeats the variable " + var);
            }
        }
        return new Assignment(access, value);
    }

    private Operand expression(Map<String, TensorDecl> tensors) {
        Operand left = term(tensors);
        while (peek().text().equals("+") || peek().text().equals("-")) {
            Token op = tokens.get(next++);
            Operand right = term(tensors);
            left = combine(op, left, right);
        }
        return left;
    }

    private Operand term(Map<String, TensorDecl> tensors) {
        Operand left = primary(tensors);
        while (peek().text().equals("*") || peek().text().equals("/")) {
            Token op = tokens.get(next++);
            Operand right = primary(tensors);
            left = combine(op, left, right);
        }
        return left;
    }

    /** Builds {@code left op right}, turning a constant operand into a scalar unary op. */
    private Operand combine(Token op, Operand left, Operand right) {
        boolean leftConstant = left.isConstant();
        boolean rightConstant = right.isConstant();
        if (leftConstant && rightConstant) {
            throw error(op, "both operands of '" + op.text() + "' are constants; fold them into one number");
        }
        if (rightConstant || leftConstant) {
            double c = rightConstant ? right.constant() : left.constant();
            Expr x = rightConstant ? left.expr() : right.expr();
            return Operand.of(switch (op.text()) {
                case "*" -> new Apply(UnaryFunction.SCALE, c, x);
                case "+" -> new Apply(UnaryFunction.OFFSET, c, x);
                case "-" -> {
                    if (leftConstant) {
                        throw error(op, "a constant minus a tensor is not supported; write the tensor times -1.0 plus the constant");
                    }
                    yield new Apply(UnaryFunction.OFFSET, -c, x);
                }
                default -> {
                    if (leftConstant) {
                        throw error(op, "a constant divided by a tensor is not supported; only a tensor divided by a constant");
                    }
                    yield new Apply(UnaryFunction.DIVIDE, c, x);
                }
            });
        }
        Expr l = left.expr();
        Expr r = right.expr();
        return Operand.of(switch (op.text()) {
            case "*" -> new Product(l, r);
            case "/" -> new Quotient(l, r);
            case "+" -> new Sum(l, r);
            default -> new Difference(l, r);
        });
    }

    private Operand primary(Map<String, TensorDecl> tensors) {
        Token token = peek();
        if (token.kind() == Kind.NUMBER) {
            next++;
            try {
                return Operand.constant(Double.parseDouble(token.text()));
            } catch (NumberFormatException e) {
                throw error(token, "'" + token.text() + "' is not a number");
            }
        }
        if (token.text().equals("-") && tokens.get(next + 1).kind() == Kind.NUMBER) {
            next++;
            Token number = tokens.get(next++);
            return Operand.constant(-Double.parseDouble(number.text()));
        }
        if (acceptSymbol("(")) {
            Operand inner = expression(tensors);
            expectSymbol(")");
            return inner;
        }
        if (token.kind() != Kind.NAME) {
            throw error(token, "expected a tensor, a function or '(' but found " + token.describe());
        }
        next++;
        String word = token.text();
        String lower = word.toLowerCase(Locale.ROOT);
        if ((lower.startsWith("sum_") || lower.startsWith("max_")) && !tensors.containsKey(word)) {
            String varName = word.substring(4);
            IndexVar var = variable(token, varName);
            expectSymbol("(");
            Expr body = tensorExpression(tensors, token);
            expectSymbol(")");
            if (!body.freeVars().contains(var)) {
                throw error(token, word + " reduces " + var + ", which its body " + body + " does not use");
            }
            return Operand.of(new Reduction(lower.startsWith("sum_") ? ReduceFunction.SUM : ReduceFunction.MAX, var, body));
        }
        if (peek().text().equals("(") && !tensors.containsKey(word)) {
            return Operand.of(function(token, tensors));
        }
        TensorDecl decl = tensors.get(word);
        if (decl == null) {
            throw error(token, "tensor '" + word + "' is used but not declared; declare it first, like '" + word
                    + ": (dense, compressed) [8, 8]'");
        }
        expectSymbol("(");
        List<IndexVar> indices = new ArrayList<>();
        if (!peek().text().equals(")")) {
            do {
                Token var = expect(Kind.NAME, "an index variable");
                indices.add(variable(var, var.text()));
            } while (acceptSymbol(","));
        }
        expectSymbol(")");
        if (indices.size() != decl.rank()) {
            throw error(token, "tensor '" + word + "' has rank " + decl.rank() + " but is indexed by " + indices.size()
                    + " variables");
        }
        return Operand.of(new Access(word, indices));
    }

    /** An expression that must involve a tensor (a function's or reduction's argument). */
    private Expr tensorExpression(Map<String, TensorDecl> tensors, Token at) {
        Operand operand = expression(tensors);
        if (operand.isConstant()) {
            throw error(at, "'" + at.text() + "' is applied to a constant; it needs a tensor expression");
        }
        return operand.expr();
    }

    private Expr function(Token name, Map<String, TensorDecl> tensors) {
        String word = name.text().toLowerCase(Locale.ROOT);
        expectSymbol("(");
        Expr arg = tensorExpression(tensors, name);
        if (word.equals("max")) {
            expectSymbol(",");
            Token c = peek();
            Operand constant = primary(tensors);
            if (!constant.isConstant()) {
                throw error(c, "max(x, c) takes a constant c; for a maximum over a variable write max_j(...)");
            }
            expectSymbol(")");
            return new Apply(UnaryFunction.MAX, constant.constant(), arg);
        }
        expectSymbol(")");
        for (UnaryFunction function : UnaryFunction.values()) {
            if (!function.takesScalar() && function.word().equals(word)) {
                return new Apply(function, 0, arg);
            }
        }
        throw error(name, "'" + name.text() + "' is neither a declared tensor nor a function",
                FUNCTIONS.toArray(String[]::new));
    }

    private IndexVar variable(Token at, String name) {
        if (!name.matches("[A-Za-z][A-Za-z0-9_]*")) {
            throw error(at, "'" + name + "' is not an index variable name (a letter, then letters or digits)");
        }
        return new IndexVar(name);
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token expect(Kind kind, String what) {
        Token token = peek();
        if (token.kind() != kind) {
            throw error(token, "expected " + what + " but found " + token.describe());
        }
        next++;
        return token;
    }

    private void expectSymbol(String symbol) {
        Token token = peek();
        if (!token.text().equals(symbol) || token.kind() != Kind.SYMBOL) {
            throw error(token, "expected '" + symbol + "' but found " + token.describe());
        }
        next++;
    }

    private boolean acceptSymbol(String symbol) {
        if (peek().kind() == Kind.SYMBOL && peek().text().equals(symbol)) {
            next++;
            return true;
        }
        return false;
    }

    private UserError error(Token at, String sentence, String... accepted) {
        UserError base = UserError.at(file, at.line(), at.column(), sentence);
        return accepted.length == 0 ? base : UserError.at(file, at.line(), at.column(),
                sentence + " (accepted: " + String.join(", ", accepted) + ")");
    }

    /** A parsed operand: an expression, or a constant that only survives as the scalar of a unary op. */
    private record Operand(Expr expr, double constant) {
        static Operand of(Expr expr) {
            return new Operand(expr, 0);
        }

        static Operand constant(double value) {
            return new Operand(null, value);
        }

        boolean isConstant() {
            return expr == null;
        }
    }

    enum Kind {
        NAME, NUMBER, SYMBOL, END
    }

    record Token(Kind kind, String text, int line, int column) {
        String describe() {
            return kind == Kind.END ? "the end of the line" : "'" + text + "'";
        }
    }
}
