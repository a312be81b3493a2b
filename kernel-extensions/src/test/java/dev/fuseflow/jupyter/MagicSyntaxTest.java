package dev.fuseflow.jupyter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuseflow.diagnostics.UserError;
import dev.fuseflow.jupyter.MagicSyntax.CellMagic;
import dev.fuseflow.jupyter.MagicSyntax.JavaCode;
import dev.fuseflow.jupyter.MagicSyntax.LineMagic;
import dev.fuseflow.jupyter.MagicSyntax.Part;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cell splitting and shell-like argument splitting, without a kernel. */
class MagicSyntaxTest {

    @Test
    void wordsAreSplitOnWhitespace() {
        assertEquals(List.of("simulate", "--model", "zoo:spmm"), MagicSyntax.tokenize("  simulate \t--model   zoo:spmm "));
        assertEquals(List.of(), MagicSyntax.tokenize("   "));
    }

    @Test
    void singleQuotesAreLiteral() {
        assertEquals(List.of("--model", "einsum:T(i)=A(i,j) * x(j)"),
                MagicSyntax.tokenize("--model 'einsum:T(i)=A(i,j) * x(j)'"));
        assertEquals(List.of("a\\b \"c\""), MagicSyntax.tokenize("'a\\b \"c\"'"));
    }

    @Test
    void doubleQuotesKeepSpacesAndHonourEscapes() {
        assertEquals(List.of("synthetic:rows=4, cols=4", "say \"hi\"", "back\\slash", "keep\\n"),
                MagicSyntax.tokenize("\"synthetic:rows=4, cols=4\" \"say \\\"hi\\\"\" \"back\\\\slash\" \"keep\\n\""));
    }

    @Test
    void quotesJoinWithAdjacentText() {
        assertEquals(List.of("--model=einsum:a b"), MagicSyntax.tokenize("--model=einsum:'a b'"));
        assertEquals(List.of("x", "", "y"), MagicSyntax.tokenize("x '' y"));
    }

    @Test
    void backslashEscapesOutsideQuotes() {
        assertEquals(List.of("a b", "c"), MagicSyntax.tokenize("a\\ b c"));
    }

    @Test
    void hashStartsACommentOnlyAtAWordStart() {
        assertEquals(List.of("simulate", "--order", "#2"), MagicSyntax.tokenize("simulate --order '#2' # the second order"));
        assertEquals(List.of("a#b"), MagicSyntax.tokenize("a#b"));
    }

    @Test
    void unterminatedQuotesAreUserErrors() {
        UserError single = assertThrows(UserError.class, () -> MagicSyntax.tokenize("--model 'einsum:x"));
        assertTrue(single.getMessage().contains("unterminated single quote"), single.getMessage());
        UserError dbl = assertThrows(UserError.class, () -> MagicSyntax.tokenize("--dataset \"synthetic"));
        assertTrue(dbl.getMessage().contains("unterminated double quote"), dbl.getMessage());
        assertFalse(dbl.getMessage().contains("\n"));
    }

    @Test
    void plainJavaIsOnePart() {
        List<Part> parts = MagicSyntax.parse("int x = 1;\nx + 1");
        assertEquals(List.of(new JavaCode("int x = 1;\nx + 1", 1)), parts);
    }

    @Test
    void lineMagicsSplitJavaAndKeepLineNumbers() {
        List<Part> parts = MagicSyntax.parse("int a = 1;\n  %fuseflow simulate --model zoo:spmm\n\nint b = a;\n%fuseflow help");
        assertEquals(4, parts.size());
        assertEquals(new JavaCode("int a = 1;", 1), parts.get(0));
        assertEquals(new LineMagic("fuseflow", List.of("simulate", "--model", "zoo:spmm"), 2), parts.get(1));
        assertEquals(new JavaCode("\nint b = a;", 3), parts.get(2));
        assertEquals(new LineMagic("fuseflow", List.of("help"), 5), parts.get(3));
    }

    @Test
    void percentFollowedBySpaceIsJava() {
        List<Part> parts = MagicSyntax.parse("int r = 10\n % 3;");
        assertEquals(1, parts.size());
        assertTrue(parts.get(0) instanceof JavaCode);
    }

    @Test
    void cellMagicTakesTheWholeCell() {
        List<Part> parts = MagicSyntax.parse("\n%%fuseflow simulate --dataset 'generated:density=0.1'\nT(i) = A(i,j) * x(j)\n");
        assertEquals(List.of(new CellMagic("fuseflow", List.of("simulate", "--dataset", "generated:density=0.1"),
                "T(i) = A(i,j) * x(j)\n")), parts);
        assertEquals(List.of(new CellMagic("fuseflow", List.of(), "")), MagicSyntax.parse("%%fuseflow"));
    }

    @Test
    void cellMagicBelowTheFirstLineIsAUserError() {
        UserError error = assertThrows(UserError.class, () -> MagicSyntax.parse("int x = 1;\n%%fuseflow simulate"));
        assertTrue(error.getMessage().contains("first line"), error.getMessage());
    }

    @Test
    void blankCellHasNoParts() {
        assertEquals(List.of(), MagicSyntax.parse("  \n\n"));
    }

    @Test
    void javaViewBlanksMagicLinesKeepingOffsets() {
        String cell = "int a = 1;\n%fuseflow help\na";
        String view = MagicSyntax.javaView(cell);
        assertEquals(cell.length(), view.length());
        assertEquals("int a = 1;\n" + " ".repeat("%fuseflow help".length()) + "\na", view);
    }
}
