package dev.fuseflow.compiler.frontend.einsum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuseflow.compiler.ir.Program;
import dev.fuseflow.compiler.ir.TensorDecl;
import dev.fuseflow.diagnostics.UserError;
import dev.fuseflow.simulator.tensor.LevelFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EinsumParserTest {
    private static final LevelFormat D = LevelFormat.DENSE;
    private static final LevelFormat C = LevelFormat.COMPRESSED;

    private static Program parse(String text) {
        return EinsumParser.parse(text, "p.ein", "p");
    }

    @Test
    void formatNamesStandForTheirLevelsAndModeOrders() {
        Program p = parse("""
                A: csr [4, 5]
                B: csc [5, 3]
                E: dcsr [4, 3]
                F: dcsc [4, 3]
                b: dense [3]
                T: compressed [4, 3, 2]
                Y: dense [4, 3]
                Y(i,j) = A(i,k) * B(k,j) + E(i,j) * F(i,j) + b(j)
                """);
        assertEquals(List.of(D, C), p.tensor("A").formats());
        assertEquals(List.of(0, 1), p.tensor("A").modeOrder());
        assertEquals(List.of(D, C), p.tensor("B").formats());
        assertEquals(List.of(1, 0), p.tensor("B").modeOrder());
        assertEquals(List.of(C, C), p.tensor("E").formats());
        assertEquals(List.of(1, 0), p.tensor("F").modeOrder());
        assertEquals(List.of(D), p.tensor("b").formats());
        assertEquals(List.of(C, C, C), p.tensor("T").formats());
    }

    @Test
    void printedProgramsParseBackToThemselves() {
        Program p = parse("""
                # program layer
                A: csc [6, 6]
                X: dense [6, 4]
                b: (compressed) [4]
                T: (dense, compressed) [6, 4]
                H: (dense, compressed) [6, 4]
                m: dense [6]
                T(i,j) = A(i,k) * X(k,j)
                H(i,j) = relu(T(i,j) + b(j)) / 2.0
                m(i) = max_j(exp(H(i,j) - 1.5))
                """);
        Program again = parse(p.toString());
        assertEquals(p.toString(), again.toString());
        assertEquals("layer", again.name());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "unknown format name            | A: crs [4, 4]\\nY: dense [4, 4]\\nY(i,j) = A(i,j)            | p.ein:1:4: 'crs' is not a format name",
        "matrix format on a 3-tensor     | A: csr [4, 4, 4]\\nY: dense [4]\\nY(i) = A(i,j,k)          | p.ein:1:4: format 'csr' describes a matrix",
        "csc with an explicit order      | A: csc [4, 4] order [0, 1]\\nY: dense [4, 4]\\nY(i,j) = A(i,j) | p.ein:1:15: format 'csc' fixes the mode order",
        "levels and sizes differ         | A: (dense) [4, 4]\\nY: dense [4, 4]\\nY(i,j) = A(i,j)          | p.ein:1:1:",
        "no assignment                   | A: dense [4]                                                   | the program has no assignment",
        "undeclared target               | A: dense [4]\\nY(i) = A(i)                                     | p.ein:2:1: tensor 'Y' is assigned but not declared",
        "tensor declared twice           | A: dense [4]\\nA: dense [4]\\nA(i) = A(i)                    | p.ein:2:1: tensor 'A' is declared twice",
    })
    void malformedProgramsGetOneLocatedSentence(String what, String text, String expected) {
        UserError e = assertThrows(UserError.class, () -> parse(text.replace("\\n", "\n")));
        assertTrue(e.getMessage().contains(expected.trim()), what + ": " + e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void undeclaredTensorsAndUnknownFunctionsAreLocated() {
        UserError undeclared = assertThrows(UserError.class, () -> parse("Y: dense [4]\nY(i) = Z(i)\n"));
        assertTrue(undeclared.getMessage().startsWith("p.ein:2:"), undeclared.getMessage());
        UserError function = assertThrows(UserError.class,
                () -> parse("A: dense [4]\nY: dense [4]\nY(i) = tanh(A(i))\n"));
        assertTrue(function.getMessage().startsWith("p.ein:3:8"), function.getMessage());
        assertTrue(function.getMessage().contains("relu"), function.getMessage());
    }

    @Test
    void theBuilderMeansWhatTheTextMeans() {
        Program built = ProgramBuilder.named("layer")
                .tensor("A", "csr", 6, 6)
                .tensor("X", List.of(D, D), 6, 4)
                .tensor("Xt", List.of(D, D), List.of(1, 0), 6, 4)
                .tensor("T", "dcsr", 6, 4)
                .tensor("H", "dcsr", 6, 4)
                .assign("T(i,j) = A(i,k) * X(k,j)")
                .assign("H(i,j) = T(i,j) + Xt(i,j)")
                .build();
        Program text = parse("""
                # program layer
                A: (dense, compressed) [6, 6]
                X: (dense, dense) [6, 4]
                Xt: (dense, dense) [6, 4] order [1, 0]
                T: (compressed, compressed) [6, 4]
                H: (compressed, compressed) [6, 4]
                T(i,j) = A(i,k) * X(k,j)
                H(i,j) = T(i,j) + Xt(i,j)
                """);
        assertEquals(text.toString(), built.toString());
        TensorDecl xt = built.tensor("Xt");
        assertEquals(List.of(1, 0), xt.modeOrder());
    }

    @Test
    void builderErrorsNameTheStatement() {
        UserError e = assertThrows(UserError.class, () -> ProgramBuilder.named("bad")
                .tensor("A", "csr", 4, 4)
                .tensor("Y", "dense", 4, 4)
                .assign("Y(i,j) = A(i,j) +")
                .build());
        assertTrue(e.getMessage().startsWith("<builder bad>:3:"), e.getMessage());
    }
}
