package dev.fuseflow.jupyter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuseflow.diagnostics.UserError;
import dev.fuseflow.jupyter.SharedKernel.Cell;
import dev.fuseflow.workbench.CommandOutput;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The kernel object driven directly (no sockets): Java cells, errors, magics, rendering, completion.
 * Public, with a public field, because cells read {@link #fakeOutput} from JShell.
 */
public class KernelInProcessTest {

    /** The result the fake workbench returned last; a cell compares it with {@code FuseFlow.last()}. */
    public static volatile CommandOutput fakeOutput;

    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G'};

    // ------------------------------------------------------------ Java cells

    @Test
    void expressionValueIsTheResult() {
        Cell cell = SharedKernel.run("6 * 7");
        assertNull(cell.error());
        assertEquals("42", cell.resultText());
    }

    @Test
    void declarationsAndImportsCarryOverToLaterCells() {
        assertNull(SharedKernel.run("import java.time.LocalDate;").error());
        Cell declare = SharedKernel.run("var day = LocalDate.of(2024, 2, 28);");
        assertNull(declare.error());
        assertNull(declare.result(), "a declaration has no result");
        Cell use = SharedKernel.run("day.plusDays(1)");
        assertNull(use.error());
        assertEquals("2024-02-29", use.resultText());
    }

    @Test
    void severalSnippetsInOneCellRunInOrder() {
        Cell cell = SharedKernel.run("record P(int x, int y) {}\n"
                + "int dot(P p, P q) { return p.x() * q.x() + p.y() * q.y(); }\n"
                + "int a = dot(new P(1, 2), new P(3, 4));\n"
                + "a + 1");
        assertNull(cell.error(), () -> String.join("\n", cell.errorLines()));
        assertEquals("12", cell.resultText());
    }

    @Test
    void printedOutputBecomesTheCellsStreams() {
        Cell cell = SharedKernel.run("System.out.println(\"to stdout\");\nSystem.err.println(\"to stderr\");");
        assertNull(cell.error());
        assertEquals("to stdout\n", cell.stdout());
        assertEquals("to stderr\n", cell.stderr());
        assertNull(cell.result());
    }

    @Test
    void defaultImportsAreAvailable() {
        Cell cell = SharedKernel.run("List.of(3, 1, 2).stream().sorted().map(String::valueOf).collect(Collectors.joining(\",\"))");
        assertNull(cell.error());
        assertEquals("1,2,3", cell.resultText());
    }

    @Test
    void compileErrorNamesTheLineAndTheKernelStaysAlive() {
        Cell cell = SharedKernel.run("int fine = 1;\nint broken = \"text\";");
        CompileError error = assertInstanceOf(CompileError.class, cell.error());
        assertTrue(error.getMessage().contains("incompatible types"), error.getMessage());
        String shown = String.join("\n", cell.errorLines());
        assertTrue(shown.contains("line 2"), shown);
        assertTrue(shown.contains("int broken = \"text\";"), shown);
        Cell next = SharedKernel.run("fine + 1");
        assertNull(next.error());
        assertEquals("2", next.resultText());
    }

    @Test
    void anUnknownSymbolIsNamedWithItsLineAndACaret() {
        Cell cell = SharedKernel.run("int one = 1;\nint x = fooBar + one;");
        CompileError error = assertInstanceOf(CompileError.class, cell.error());
        assertEquals("cannot find symbol: variable fooBar (line 2: int x = fooBar + one;)", error.getMessage());
        assertEquals(List.of("error (line 2): cannot find symbol: variable fooBar", "    int x = fooBar + one;",
                "            ^~~~~~"), error.details(), "the caret under fooBar");
        Cell method = SharedKernel.run("String s = \"abc\";\n\n  s.lenth()");
        CompileError missing = assertInstanceOf(CompileError.class, method.error());
        assertEquals("cannot find symbol: method lenth() in variable s of type java.lang.String (line 3: s.lenth())",
                missing.getMessage());
        assertTrue(String.join("\n", method.errorLines()).contains("cannot find symbol: method lenth()"),
                method.errorLines().toString());
    }

    @Test
    void multiLineCompilerMessagesBecomeOneLine() {
        assertEquals("method f in class cannot be applied to given types; required: int; found: java.lang.String; "
                + "reason: argument mismatch; java.lang.String cannot be converted to int",
                JavaEvaluator.oneLine("method f in class  cannot be applied to given types;\n  required: int\n"
                        + "  found:    java.lang.String\n  reason: argument mismatch; java.lang.String cannot be "
                        + "converted to int"));
        assertEquals("cannot find symbol: class Foo", JavaEvaluator.oneLine("cannot find symbol\n  symbol:   class Foo\n"
                + "  location: class "));
        assertEquals("incompatible types: possible lossy conversion from double to int",
                JavaEvaluator.oneLine("incompatible types: possible lossy conversion from double to int"));
    }

    @Test
    void thrownExceptionIsReportedAsItselfAndTheKernelStaysAlive() {
        Cell cell = SharedKernel.run("void fail() { throw new IllegalStateException(\"boom\"); }\nfail();");
        IllegalStateException error = assertInstanceOf(IllegalStateException.class, cell.error());
        assertEquals("boom", error.getMessage());
        List<String> lines = cell.errorLines();
        assertTrue(lines.get(0).contains("java.lang.IllegalStateException") && lines.get(0).contains("boom"), lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.contains("fail (declared in a cell)")), lines.toString());
        assertTrue(lines.stream().noneMatch(l -> l.contains("jdk.jshell")), lines.toString());
        Cell next = SharedKernel.run("\"still \" + \"alive\"");
        assertNull(next.error());
        assertEquals("still alive", next.resultText());
    }

    @Test
    void checkedExceptionsAndErrorsAreReported() {
        Cell checked = SharedKernel.run("throw new java.io.IOException(\"disk\")");
        assertInstanceOf(java.io.IOException.class, checked.error());
        Cell error = SharedKernel.run("int down(int n) { return down(n + 1) + 1; }\ndown(0)");
        assertNotNull(error.error());
        assertTrue(String.join("\n", error.errorLines()).contains("StackOverflowError"), error.errorLines().get(0));
        assertEquals("3", SharedKernel.run("1 + 2").resultText());
    }

    @Test
    void tableValueRendersAsHtml() {
        Cell cell = SharedKernel.run("Table.create(\"demo\", IntColumn.create(\"n\", 1, 2, 3))");
        assertNull(cell.error());
        String html = SharedKernel.data(cell.result(), "text/html");
        assertNotNull(html);
        assertTrue(html.contains("<table") && html.contains(">3<"), html);
        assertNotNull(cell.resultText());
    }

    @Test
    void chartValueRendersAsPng() {
        Cell cell = SharedKernel.run("var chart = new org.knowm.xchart.XYChartBuilder().width(200).height(120).title(\"t\").build();\n"
                + "chart.addSeries(\"s\", new double[] {1, 2, 3}, new double[] {2, 4, 8});\n"
                + "chart");
        assertNull(cell.error(), () -> String.join("\n", cell.errorLines()));
        assertPng(SharedKernel.data(cell.result(), "image/png"));
        assertEquals("<XYChart: t>", cell.resultText());
    }

    // ------------------------------------------------------------ magics

    @Test
    void helpPrintsUsage() {
        Cell help = SharedKernel.run("%fuseflow help");
        assertNull(help.error());
        assertTrue(help.stdout().contains("simulate") && help.stdout().contains("compile"), help.stdout());
        Cell commandHelp = SharedKernel.run("%fuseflow simulate --help");
        assertNull(commandHelp.error());
        assertTrue(commandHelp.stdout().contains("--model") && commandHelp.stdout().contains("--dataset"),
                commandHelp.stdout());
        Cell helpFor = SharedKernel.run("%fuseflow help compile");
        assertNull(helpFor.error());
        assertTrue(helpFor.stdout().contains("--emit"), helpFor.stdout());
        assertTrue(SharedKernel.run("%fuseflow").stdout().contains("simulate"));
    }

    @Test
    void unknownCommandIsAOneSentenceUserError() {
        Cell cell = SharedKernel.run("%fuseflow nosuchcmd");
        UserError error = assertInstanceOf(UserError.class, cell.error());
        assertOneSentence(error.getMessage());
        assertTrue(error.getMessage().contains("nosuchcmd"), error.getMessage());
        assertTrue(cell.errorLines().get(0).contains("UserError"));
        assertTrue(String.join("\n", cell.errorLines()).contains("Usage: %fuseflow COMMAND"), cell.errorLines().toString());
        assertEquals("ok", SharedKernel.run("\"ok\"").resultText(), "the next cell still runs");
    }

    @Test
    void unknownOptionIsAOneSentenceUserError() {
        Cell bare = SharedKernel.run("%fuseflow simulate --bogus");
        assertOneSentence(assertInstanceOf(UserError.class, bare.error()).getMessage());
        Cell full = SharedKernel.run("%fuseflow simulate --model zoo:spmm --dataset synthetic:rows=8,cols=8,density=0.5,features=2,seed=1 --bogus");
        UserError error = assertInstanceOf(UserError.class, full.error());
        assertOneSentence(error.getMessage());
        assertTrue(error.getMessage().contains("--bogus"), error.getMessage());
        assertEquals("ok", SharedKernel.run("\"ok\"").resultText());
    }

    @Test
    void unknownMagicAndMisplacedCellMagicAreUserErrors() {
        assertInstanceOf(UserError.class, SharedKernel.run("%nosuch thing").error());
        assertInstanceOf(UserError.class, SharedKernel.run("%%nosuch thing").error());
        assertInstanceOf(UserError.class, SharedKernel.run("int z = 1;\n%%fuseflow help").error());
        assertInstanceOf(UserError.class, SharedKernel.run("%fuseflow simulate --model 'unterminated").error());
    }

    @Test
    void lineMagicRunsBetweenJavaSnippets() {
        Cell cell = SharedKernel.run("int before = 1;\nSystem.out.println(\"before\");\n%fuseflow help\nint after = before + 1;\nafter");
        assertNull(cell.error());
        assertTrue(cell.stdout().startsWith("before\nCommands:"), cell.stdout());
        assertEquals("2", cell.resultText());
    }

    @Test
    void magicRendersTableAndChartAndItsResultIsVisibleFromJava() {
        FuseFlowKernel kernel = SharedKernel.get();
        List<List<String>> calls = new ArrayList<>();
        kernel.commandRunner(args -> {
            calls.add(args);
            assertTrue(Thread.currentThread().getName().startsWith("fuseflow-command-"),
                    "the command runs on the worker thread, not in JShell");
            fakeOutput = fakeResult();
            return fakeOutput;
        });
        try {
            Cell cell = SharedKernel.run("%fuseflow simulate --model zoo:spmm --dataset \"synthetic:rows=4,cols=4\"");
            assertNull(cell.error(), () -> String.join("\n", cell.errorLines()));
            assertEquals(List.of(List.of("simulate", "--model", "zoo:spmm", "--dataset", "synthetic:rows=4,cols=4")), calls);
            assertEquals(2, cell.displays().size(), "a table and a chart");
            DisplayData table = cell.displays().get(0);
            assertTrue(SharedKernel.data(table, "text/html").contains("<table"));
            assertEquals(fakeOutput.plainText(), SharedKernel.data(table, "text/plain"));
            assertPng(SharedKernel.data(cell.displays().get(1), "image/png"));

            Cell java = SharedKernel.run("dev.fuseflow.jupyter.FuseFlow.last().plainText()");
            assertNull(java.error(), () -> String.join("\n", java.errorLines()));
            assertEquals(fakeOutput.plainText(), java.resultText());
            Cell same = SharedKernel.run("FuseFlow.last() == dev.fuseflow.jupyter.KernelInProcessTest.fakeOutput");
            assertEquals("true", same.resultText(), "JShell and the kernel share one class loader and one object");
            Cell rows = SharedKernel.run("FuseFlow.last().table().orElseThrow().column(\"value\").size()");
            assertEquals("2", rows.resultText());
        } finally {
            kernel.commandRunner(kernel.workbenchRunner());
        }
    }

    @Test
    void jsonOrCsvOptionShowsTheTextInsteadOfTheTable() {
        FuseFlowKernel kernel = SharedKernel.get();
        kernel.commandRunner(args -> fakeResult());
        try {
            Cell cell = SharedKernel.run("%fuseflow simulate --model zoo:spmm --dataset generated --json");
            assertNull(cell.error());
            assertEquals(List.of(), cell.displays());
            assertEquals(fakeResult().plainText() + "\n", cell.stdout());
        } finally {
            kernel.commandRunner(kernel.workbenchRunner());
        }
    }

    @Test
    void cellMagicBodyIsTheModelProgram() {
        FuseFlowKernel kernel = SharedKernel.get();
        List<List<String>> calls = new ArrayList<>();
        kernel.commandRunner(args -> {
            calls.add(args);
            return CommandOutput.text("ran");
        });
        try {
            Cell cell = SharedKernel.run("%%fuseflow simulate --dataset generated\nT(i) = A(i,j) * x(j)\n");
            assertNull(cell.error(), () -> String.join("\n", cell.errorLines()));
            assertEquals("ran\n", cell.stdout(), "a text-only result is printed");
            assertEquals(List.of("simulate", "--dataset", "generated", "--model", "einsum:T(i) = A(i,j) * x(j)"),
                    calls.get(0));
            Cell both = SharedKernel.run("%%fuseflow simulate --model zoo:spmm --dataset generated\nT(i) = A(i,j) * x(j)");
            assertOneSentence(assertInstanceOf(UserError.class, both.error()).getMessage());
            assertEquals(1, calls.size());
        } finally {
            kernel.commandRunner(kernel.workbenchRunner());
        }
    }

    @Test
    void fuseFlowFacadeRunsAndDisplaysFromJava() {
        FuseFlowKernel kernel = SharedKernel.get();
        kernel.commandRunner(args -> fakeResult());
        try {
            Cell cell = SharedKernel.run("var out = FuseFlow.run(\"simulate --model zoo:spmm --dataset 'synthetic:rows=4'\");\n"
                    + "FuseFlow.display(out);\nout.table().orElseThrow().rowCount()");
            assertNull(cell.error(), () -> String.join("\n", cell.errorLines()));
            assertEquals(2, cell.displays().size());
            assertEquals("2", cell.resultText());
        } finally {
            kernel.commandRunner(kernel.workbenchRunner());
        }
    }

    @Test
    void quickstartNotebookCellsRunAgainstAFakeResult() throws Exception {
        Path notebook = JupyterTooling.repoRoot().resolve("notebooks/00-quickstart.ipynb");
        JsonObject json = JsonParser.parseString(Files.readString(notebook)).getAsJsonObject();
        assertEquals("fuseflow", json.getAsJsonObject("metadata").getAsJsonObject("kernelspec").get("name").getAsString());
        FuseFlowKernel kernel = SharedKernel.get();
        kernel.commandRunner(args -> fakeResult());
        try {
            List<Cell> cells = new ArrayList<>();
            for (JsonElement element : json.getAsJsonArray("cells")) {
                JsonObject cell = element.getAsJsonObject();
                assertEquals(0, cell.has("outputs") ? cell.getAsJsonArray("outputs").size() : 0, "committed without outputs");
                if (cell.get("cell_type").getAsString().equals("code")) {
                    StringBuilder source = new StringBuilder();
                    cell.getAsJsonArray("source").forEach(line -> source.append(line.getAsString()));
                    Cell ran = SharedKernel.run(source.toString());
                    assertNull(ran.error(), () -> source + "\n" + String.join("\n", ran.errorLines()));
                    cells.add(ran);
                }
            }
            assertEquals(3, cells.size());
            assertEquals(2, cells.get(0).displays().size(), "the magic shows a table and a chart");
            assertNotNull(SharedKernel.data(cells.get(1).result(), "text/html"), "the post-processed table");
            assertTrue(cells.get(1).stdout().contains("2 rows"), cells.get(1).stdout());
            String derived = SharedKernel.data(cells.get(1).result(), "text/html");
            assertTrue(derived.contains("memory accesses per FLOP") && derived.contains(">2<"), derived);
            assertEquals("8000", cells.get(2).resultText());
        } finally {
            kernel.commandRunner(kernel.workbenchRunner());
        }
    }

    /** Needs the real simulate backend (it reports "simulate is being built" until it lands). */
    @Test
    void realSimulationRendersItsStatistics() {
        Cell cell = SharedKernel.run(
                "%fuseflow simulate --model zoo:spmm --dataset synthetic:rows=200,cols=200,density=0.02,features=16,seed=1");
        assertNull(cell.error(), () -> "simulate failed: " + String.join("\n", cell.errorLines()));
        assertTrue(cell.displays().stream().anyMatch(d -> String.valueOf(SharedKernel.data(d, "text/html")).contains("<table")),
                "an HTML table of statistics");
        assertTrue(cell.displays().stream().anyMatch(d -> SharedKernel.data(d, "image/png") != null), "a PNG chart");
        Cell java = SharedKernel.run("dev.fuseflow.jupyter.FuseFlow.last().plainText()");
        assertNull(java.error());
        assertTrue(java.resultText().contains("cycles"), java.resultText());
    }

    // ------------------------------------------------------------ completion, inspection, completeness

    @Test
    void completesJavaWithJShell() {
        ReplacementOptions options = SharedKernel.get().complete("Math.ab", 7);
        assertTrue(options.getReplacements().contains("abs("), options.getReplacements().toString());
        assertEquals(5, options.getSourceStart());
        assertEquals(7, options.getSourceEnd());
        ReplacementOptions afterMagic = SharedKernel.get().complete("%fuseflow help\nString.valueO", 27);
        assertTrue(afterMagic.getReplacements().contains("valueOf("), afterMagic.getReplacements().toString());
        String cell = "int a = 1;\nMath.ab\nint b = 2;";
        ReplacementOptions middle = SharedKernel.get().complete(cell, cell.indexOf("ab") + 2);
        assertTrue(middle.getReplacements().contains("abs("), middle.getReplacements().toString());
        assertEquals(cell.indexOf("ab"), middle.getSourceStart());
        ReplacementOptions trailing = SharedKernel.get().complete("Math.ab   ", 10);
        assertTrue(trailing == null || trailing.getReplacements() != null);
    }

    @Test
    void completesMagicCommandsAndOptions() {
        FuseFlowKernel kernel = SharedKernel.get();
        assertEquals(List.of("simulate"), kernel.complete("%fuseflow sim", 13).getReplacements());
        ReplacementOptions options = kernel.complete("%fuseflow simulate --mod", 24);
        assertTrue(options.getReplacements().contains("--model"), options.getReplacements().toString());
        assertEquals(19, options.getSourceStart());
        assertTrue(kernel.complete("%fu", 3).getReplacements().contains("%fuseflow"));
        assertTrue(kernel.complete("%%fuseflow compile --em", 23).getReplacements().contains("--emit"));
    }

    @Test
    void inspectsJavaAndMagics() {
        FuseFlowKernel kernel = SharedKernel.get();
        DisplayData java = kernel.inspect("Math.abs", 7, false);
        assertNotNull(java);
        assertTrue(SharedKernel.data(java, "text/plain").contains("Math.abs(int"), SharedKernel.data(java, "text/plain"));
        DisplayData magic = kernel.inspect("%fuseflow simulate --model zoo:spmm", 12, false);
        assertTrue(SharedKernel.data(magic, "text/plain").contains("--dataset"));
    }

    @Test
    void tellsCompleteFromIncompleteCode() {
        FuseFlowKernel kernel = SharedKernel.get();
        assertEquals("complete", kernel.isComplete("int x = 1;"));
        assertEquals("complete", kernel.isComplete("System.out.println(1)"));
        assertEquals("complete", kernel.isComplete("%fuseflow simulate --model zoo:spmm"));
        assertEquals("complete", kernel.isComplete("%%fuseflow simulate\nT(i) = A(i,j"));
        assertTrue(kernel.isComplete("for (int i = 0; i < 3; i++) {").isBlank(), "incomplete: an indent");
        assertFalse(kernel.isComplete("int y = (1 +").equals("complete"));
    }

    // ------------------------------------------------------------ helpers

    static CommandOutput fakeResult() {
        Table table = Table.create("statistics", StringColumn.create("statistic", "cycles", "flops"),
                DoubleColumn.create("value", 1234.0, 99.0));
        XYChart chart = new XYChartBuilder().width(320).height(200).title("cycles").build();
        chart.addSeries("cycles", new double[] {1, 2}, new double[] {1234, 99});
        return new CommandOutput() {
            @Override
            public String plainText() {
                return "cycles 1234\nflops 99";
            }

            @Override
            public Optional<String> json() {
                return Optional.of("{\"cycles\":1234,\"flops\":99,\"memory_accesses\":198}");
            }

            @Override
            public Optional<Table> table() {
                return Optional.of(table);
            }

            @Override
            public Optional<Chart<?, ?>> chart() {
                return Optional.of(chart);
            }
        };
    }

    static void assertPng(String base64) {
        assertNotNull(base64, "an image/png output");
        byte[] bytes = Base64.getDecoder().decode(base64);
        for (int i = 0; i < PNG_MAGIC.length; i++) {
            assertEquals(PNG_MAGIC[i], bytes[i], "PNG signature");
        }
    }

    static void assertOneSentence(String message) {
        assertNotNull(message);
        assertFalse(message.isBlank());
        assertFalse(message.contains("\n"), () -> "one sentence, one line: " + message);
    }
}
