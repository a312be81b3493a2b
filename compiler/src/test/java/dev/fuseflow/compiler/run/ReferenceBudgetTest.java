package dev.fuseflow.compiler.run;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuseflow.compiler.frontend.einsum.EinsumParser;
import dev.fuseflow.compiler.ir.Program;
import org.junit.jupiter.api.Test;

/** Runs whose dense reference would not fit in the heap report that their values were not checked. */
class ReferenceBudgetTest {

    @Test
    void aReferenceBeyondTheHeapIsSkippedWithAReason() {
        Program huge = EinsumParser.parse("""
                A: csr [3000000, 3000000]
                X: dense [3000000, 16]
                Y: dense [3000000, 16]
                Y(i,j) = A(i,k) * X(k,j)
                """, "t", "t");
        String reason = ProgramRunner.referenceTooLarge(huge);
        assertTrue(reason != null && reason.contains("the values were not checked"), reason);
        assertNull(ProgramRunner.referenceTooLarge(EinsumParser.parse("A: csr [8, 8]\nY: dense [8]\nY(i) = A(i,j)\n",
                "t", "t")));
    }

    @Test
    void aSkippedCheckIsNeitherVerifiedNorFailed() {
        RunResult skipped = new RunResult(null, java.util.List.of(), java.util.List.of(), 0, "too large");
        assertFalse(skipped.verified());
        assertFalse(skipped.checked());
        assertTrue(new RunResult(null, java.util.List.of(), java.util.List.of(), 0).checked());
    }
}
