package dev.fuseflow.jupyter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuseflow.diagnostics.UserError;
import dev.fuseflow.workbench.CompiledGraph;
import dev.fuseflow.workbench.Graphviz;
import dev.fuseflow.workbench.SimulationOutput;
import dev.fuseflow.workbench.SweepResult;
import java.nio.file.Path;
import java.util.List;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The typed notebook API ({@code FuseFlow.compile/simulate/sweep/compare}) outside a kernel, and how its
 * results render as MIME bundles: results as tables, sweeps as a table plus a chart, graphs as SVG.
 */
class FuseFlowApiTest {
    private static final String DATA = "synthetic:rows=40,cols=40,density=0.1,features=8,seed=1";

    @TempDir
    Path cache;

    @Test
    void aSweepIsATablePlusAChart() {
        SweepResult sweep = FuseFlow.sweep("--model zoo:spmm --dataset " + DATA + " --par none,i:2 --cache-dir " + cache);
        assertEquals(2, sweep.toTable().rowCount());
        List<DisplayData> bundles = MimeBundles.of(sweep);
        assertEquals(2, bundles.size());
        assertTrue(String.valueOf(bundles.get(0).getData(MIMEType.parse("text/html"))).contains("<table"));
        assertTrue(String.valueOf(bundles.get(1).getData(MIMEType.parse("image/png"))).length() > 1000);
        assertTrue(String.valueOf(bundles.get(1).getData(MIMEType.parse("text/plain"))).contains("Cycles per configuration"));
        // the figure shortcuts read the same rows
        assertEquals("Cycles vs parallel factor (cf. paper Fig. 15)", sweep.parallelScalingChart().getTitle());
    }

    @Test
    void aCompareShowsSpeedupBars() {
        SweepResult compare = FuseFlow.compare("--model zoo:spmm --dataset " + DATA + " --cache-dir " + cache);
        List<DisplayData> bundles = MimeBundles.of(compare);
        assertTrue(String.valueOf(bundles.get(1).getData(MIMEType.parse("text/plain"))).contains("Speedup over unfused"));
    }

    @Test
    void aSimulationIsItsStatisticsTable() {
        SimulationOutput result = FuseFlow.simulate("--model zoo:spmm --dataset " + DATA);
        assertTrue(result.verified());
        assertTrue(result.cycles() > 0);
        assertEquals(result.cycles(), result.fields().get("cycles"));
        List<DisplayData> bundles = MimeBundles.of(result);
        assertTrue(String.valueOf(bundles.get(0).getData(MIMEType.parse("text/html"))).contains("cycles"));
    }

    @Test
    void aCompiledGraphIsAnSvgPicture() {
        CompiledGraph graph = FuseFlow.compile("--model zoo:spmm --fusion full");
        assertEquals("full", graph.compiled().fusion());
        DisplayData bundle = MimeBundles.of((Object) graph);
        if (Graphviz.executable().isEmpty()) {
            assertEquals(graph.dot(), bundle.getData(MIMEType.parse("text/plain")));
            return;
        }
        assertTrue(String.valueOf(bundle.getData(MIMEType.parse("image/svg+xml"))).contains("<svg"));
        assertTrue(String.valueOf(bundle.getData(MIMEType.parse("image/png"))).length() > 100);
        assertTrue(String.valueOf(bundle.getData(MIMEType.parse("text/plain"))).contains("group g0"));
    }

    @Test
    void aGraphAskedForAsDotTextIsShownAsText() {
        CompiledGraph graph = FuseFlow.compile("--model zoo:spmm --format dot");
        assertTrue(MimeBundles.of((dev.fuseflow.workbench.CommandOutput) graph).isEmpty());
        assertTrue(graph.plainText().startsWith("digraph"));
    }

    @Test
    void theApiReportsUserMistakesAsOneSentence() {
        UserError error = assertThrows(UserError.class, () -> FuseFlow.sweep("--model zoo:spmm --dataset " + DATA
                + " --timing fast --cache-dir " + cache));
        assertTrue(error.getMessage().contains("timing profile 'fast' is unknown"), error.getMessage());
        UserError help = assertThrows(UserError.class, () -> FuseFlow.sweep("--help"));
        assertTrue(help.getMessage().contains("%fuseflow sweep --help"), help.getMessage());
        assertFalse(help.getMessage().contains("\n"));
    }
}
