package dev.fuseflow.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fuseflow.simulator.engine.Simulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reference GCN graphs in the standard bench set: found beside the repository, sized by the fixed rule. */
class ReferenceBenchCasesTest {

    @Test
    void anAbsentFolderGivesNoCases() {
        assertTrue(BenchSuite.referenceGraphs(Path.of("/nonexistent/reference-graphs")).isEmpty());
    }

    @Test
    void everyImportableGcnGraphIsACaseSizedToTheTarget() {
        Path folder = BenchSuite.referenceGraphFolder();
        assumeTrue(Files.isDirectory(folder), "reference graphs not found at " + folder + "; skipping");
        assertTrue(BenchSuite.referenceGraphsSkipped().isEmpty());
        List<BenchCase> cases = BenchSuite.referenceGraphs(folder);
        assertTrue(cases.size() >= 30, cases.size() + " cases");
        assertTrue(cases.stream().allMatch(c -> c.name().startsWith("ref-") && c.name().contains("gcn")));
        List<String> standard = BenchSuite.standard().stream().map(BenchCase::name).toList();
        assertTrue(standard.containsAll(cases.stream().map(BenchCase::name).toList()));
        BenchCase adjacency = cases.stream().filter(c -> c.name().equals("ref-models__gcn_unfused__gcn_adj_x1"))
                .findFirst().orElseThrow();
        BenchCase.Input input = adjacency.input().get();
        long tokens = new Simulator().simulate(input.graph(), input.tensors(), () -> false).statistics().tokens();
        assertTrue(tokens <= BenchSuite.REFERENCE_TOKENS && tokens > BenchSuite.REFERENCE_TOKENS / 20,
                tokens + " token steps");
        assertTrue(input.data().startsWith("generated, n="), input.data());
        assertEquals(input.data(), adjacency.input().get().data(), "the size rule is deterministic");
    }
}
