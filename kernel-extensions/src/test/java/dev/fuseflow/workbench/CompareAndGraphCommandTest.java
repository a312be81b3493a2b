package dev.fuseflow.workbench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fuseflow.diagnostics.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChart;

/** {@code compare} (a sweep shown against unfused) and {@code graph} (a picture of the compiled SAM graph). */
class CompareAndGraphCommandTest {
    private static final String DATA = SweepCommandTest.DATA;

    @TempDir
    Path dir;

    private CommandOutput run(String line) {
        List<String> words = new ArrayList<>(List.of(line.trim().split("\\s+")));
        if (words.get(0).equals("compare")) {
            words.addAll(List.of("--cache-dir", dir.resolve("cache").toString()));
        }
        return new Workbench().execute(words);
    }

    @Test
    void compareShowsSpeedupAndFlopsAndMemoryRelativeToUnfused() {
        SweepResult result = (SweepResult) run("compare --model zoo:spmm --dataset " + DATA + ","
                + SweepCommandTest.DATA2 + " --par i:2");
        // the default is every preset of the model: spmm has unfused and full
        assertEquals(List.of("unfused", "full", "unfused", "full"),
                result.rows().stream().map(r -> r.get("fusion")).toList());
        for (SweepRow row : result.rows()) {
            assertEquals(1.0, row.get("speedup")); // one assignment: both presets are the same single group
            assertEquals(1.0, row.get("flops_vs_unfused"));
            assertEquals(1.0, row.get("memory_accesses_vs_unfused"));
        }
        // the same key is simulated once and shared
        assertEquals(4, result.simulatedCount());
        String text = result.plainText();
        assertTrue(text.startsWith("compare: 4 configurations"), text);
        String header = text.lines().filter(l -> l.startsWith("model")).findFirst().orElseThrow();
        for (String column : List.of("fusion", "cycles", "speedup", "flops", "flops_vs_unfused", "memory_accesses",
                "memory_accesses_vs_unfused", "verified")) {
            assertTrue(header.contains(column), header);
        }
        assertTrue(text.contains("every row: order=ikj par=i:2 values=scalar timing=comal memory=none"), text);
        CategoryChart chart = (CategoryChart) result.chart().orElseThrow();
        assertEquals("Speedup over unfused (cf. paper Fig. 12)", chart.getTitle());
        assertEquals(List.of("unfused", "full"), List.copyOf(chart.getSeriesMap().keySet()));
    }

    @Test
    void compareAddsUnfusedAsTheBaseline() {
        SweepResult result = (SweepResult) run("compare --model zoo:spmm --dataset " + DATA + " --fusion full");
        assertEquals(List.of("unfused", "full"), result.rows().stream().map(r -> r.get("fusion")).toList());
    }

    @Test
    void graphDrawsSvgWithGraphvizAndDotTextOnRequest() {
        String dot = run("graph --model zoo:spmm --format dot").plainText();
        assertTrue(dot.startsWith("digraph \"spmm/g0\" {"), dot);
        CompiledGraph graph = (CompiledGraph) run("graph --model zoo:spmm --fusion full --par i:2");
        assertEquals(1, graph.compiled().groups().size());
        assertTrue(graph.dot().contains("digraph"));
        assumeTrue(Graphviz.executable().isPresent(), "Graphviz dot is not on the PATH; skipping the SVG checks");
        assertTrue(graph.plainText().contains("<svg"), graph.plainText());
        assertEquals(graph.plainText(), graph.svg().orElseThrow());
        byte[] png = graph.png().orElseThrow();
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
    }

    @Test
    void graphWritesFilesAndNeverOverwritesThem() throws IOException {
        Path dotFile = dir.resolve("g.dot");
        assertEquals("wrote " + dotFile, run("graph --model zoo:spmm --format dot -o " + dotFile).plainText());
        assertTrue(Files.readString(dotFile).startsWith("digraph"));
        UserError again = assertThrows(UserError.class, () -> run("graph --model zoo:spmm --format dot -o " + dotFile));
        assertTrue(again.getMessage().contains("already exists"), again.getMessage());
        assumeTrue(Graphviz.executable().isPresent(), "Graphviz dot is not on the PATH; skipping the PNG file");
        Path pngFile = dir.resolve("g.png");
        run("graph --model zoo:spmm --format png -o " + pngFile);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(Files.readAllBytes(pngFile), 4));
    }

    @Test
    void graphOfOneGroupOfAChainedMlirModel() throws IOException {
        Path first = Files.writeString(dir.resolve("aggregate.mlir"), MlirModelCommandTest.SPMM);
        Path second = Files.writeString(dir.resolve("bias_relu.mlir"), MlirModelCommandTest.BIAS_RELU);
        String model = first + "," + second;
        String whole = run("graph --model " + model + " --fusion files --format dot").plainText();
        assertTrue(whole.contains("subgraph \"cluster_g0\"") && whole.contains("subgraph \"cluster_g1\""), whole);
        String one = run("graph --model " + model + " --fusion files --group 1 --format dot").plainText();
        assertFalse(one.contains("cluster"), one);
        assertTrue(one.startsWith("digraph \"aggregate+bias_relu/g1\""), one);
    }

    @Test
    void badGraphOptionsAreOneSentence() {
        for (String[] bad : new String[][] {
            {"graph --model zoo:spmm --format pdf", "--format pdf is not available (accepted: svg, dot, png)"},
            {"graph --model zoo:spmm --format png", "--format png is binary, which is not printable; add -o FILE"},
            {"graph --model zoo:spmm --group 2", "--group 2 does not exist; zoo:spmm under fusion unfused has groups 0 to 0"},
            {"graph --model zoo:spmm --order kij", "order 'kij' is not a valid dataflow order"},
        }) {
            UserError error = assertThrows(UserError.class, () -> run(bad[0]));
            assertTrue(error.getMessage().contains(bad[1]), error.getMessage());
            assertFalse(error.getMessage().contains("\n"));
        }
    }
}
