package dev.fuseflow.compiler.frontend.einsum;

import dev.fuseflow.compiler.ir.Program;
import dev.fuseflow.compiler.ir.TensorDecl;
import dev.fuseflow.simulator.tensor.LevelFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds a Program from Java, for notebook code:
 *
 * <pre>
 * Program layer = ProgramBuilder.named("layer")
 *         .tensor("A", "csr", 8, 8)
 *         .tensor("X", "dense", 8, 4)
 *         .tensor("T", "dcsr", 8, 4)
 *         .assign("T(i,j) = A(i,k) * X(k,j)")
 *         .build();
 * </pre>
 *
 * Declarations are typed (a format name or the levels) and statements use the einsum DSL's expression
 * syntax, so a program built here and one written as text mean the same thing; the built program prints
 * as text that parses back to it. Errors name the statement as {@code <builder NAME>:LINE:COL}, counting
 * declarations and statements in the order they were added.
 */
public final class ProgramBuilder {
    private final String name;
    private final List<String> lines = new ArrayList<>();

    private ProgramBuilder(String name) {
        this.name = name;
    }

    public static ProgramBuilder named(String name) {
        if (name == null || name.isBlank() || name.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("a program name is one word, not '" + name + "'");
        }
        return new ProgramBuilder(name);
    }

    /** A tensor with a format name ({@code csr}, {@code csc}, {@code dcsr}, {@code dcsc}, {@code dense}, {@code compressed}). */
    public ProgramBuilder tensor(String tensor, String format, int... shape) {
        lines.add(tensor + ": " + format + " " + shapeText(shape));
        return this;
    }

    /** A tensor with one format per level, stored in its natural mode order. */
    public ProgramBuilder tensor(String tensor, List<LevelFormat> levels, int... shape) {
        lines.add(TensorDecl.of(tensor, Arrays.stream(shape).boxed().toList(), levels).toString());
        return this;
    }

    /** A tensor stored in another mode order ({@code modeOrder.get(k)} is the mode at level k). */
    public ProgramBuilder tensor(String tensor, List<LevelFormat> levels, List<Integer> modeOrder, int... shape) {
        lines.add(tensor + ": " + TensorDecl.of(tensor, Arrays.stream(shape).boxed().toList(), levels)
                .toString().substring(tensor.length() + 2) + " order " + modeOrder);
        return this;
    }

    /** One assignment in the DSL's syntax, e.g. {@code H(i,j) = relu(T(i,j) + b(j))}. */
    public ProgramBuilder assign(String statement) {
        if (statement.contains("\n")) {
            throw new IllegalArgumentException("assign takes one statement; call it once per line");
        }
        lines.add(statement);
        return this;
    }

    /** The program; a malformed declaration or statement is a UserError naming it. */
    public Program build() {
        return EinsumParser.parse(text(), "<builder " + name + ">", name);
    }

    /** The program as DSL text, declarations and statements in the order added. */
    public String text() {
        return String.join("\n", lines) + "\n";
    }

    private static String shapeText(int[] shape) {
        return Arrays.toString(shape);
    }
}
