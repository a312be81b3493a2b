package dev.fuseflow.compiler.run;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuseflow.compiler.frontend.einsum.EinsumParser;
import dev.fuseflow.compiler.ir.Program;
import org.junit.jupiter.api.Test;

/** Runs whose CPU reference would not fit in the heap report that their values were not checked. */
class ReferenceBudgetTest {

    @Test
    void aReferenceBeyondTheHeapIsSkippedWithAReason() {
        Program huge = EinsumParser.parse("""
                A: csr [300000000, 300000000]
                X: dense [300000000, 16]
                Y: dense [300000000, 16]
                Y(i,j) = A(i,k) * X(k,j)
                """, "t", "t");
        String reason = ProgramRunner.referenceTooLarge(huge, name -> 1000);
        assertTrue(reason != null && reason.contains("the values were not checked"), reason);
        // an N×N adjacency costs its stored entries, not N²: 100,000 nodes with a million edges fit
        Program graph = EinsumParser.parse("""
                A: csr [100000, 100000]
                d: dense [100000]
                Y: csr [100000, 100000]
                Y(i,j) = A(i,j) * d(j)
                """, "t", "t");
        assertNull(ProgramRunner.referenceTooLarge(graph, name -> name.equals("A") ? 1_000_000 : 100_000));
        assertTrue(reason != null && reason.contains("the values were not checked"), reason);
        assertNull(ProgramRunner.referenceTooLarge(EinsumParser.parse("A: csr [8, 8]\nY: dense [8]\nY(i) = A(i,j)\n",
                "t", "t"), name -> 64));
    }

    @Test
    void aSkippedCheckIsNeitherVerifiedNorFailed() {
        RunResult skipped = new RunResult(null, java.util.List.of(), java.util.List.of(), 0, "too large");
        assertFalse(skipped.verified());
        assertFalse(skipped.checked());
        RunResult nothingCompared = new RunResult(null, java.util.List.of(), java.util.List.of(), 0);
        assertTrue(nothingCompared.checked());
        assertFalse(nothingCompared.verified(), "no compared output is no evidence");
    }
}
