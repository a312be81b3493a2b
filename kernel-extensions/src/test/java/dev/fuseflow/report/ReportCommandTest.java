package dev.fuseflow.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuseflow.diagnostics.UserError;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report} without Jupyter: a fake executor stands for nbconvert and writes the run log a kernel would,
 * so these check the provenance block, the self-contained page and the never-overwrite rule. The real thing
 * runs in {@code ReportIT}.
 */
class ReportCommandTest {

    private static final String NBCONVERT_HTML = "<!DOCTYPE html>\n<html><head>\n"
            + "<script src=\"file:///usr/share/javascript/requirejs/require.min.js\"></script>\n"
            + "<script type=\"text/javascript\" src=\"https://cdn.example/mathjax.js?config=TeX\"></script>\n"
            + "<link rel=\"stylesheet\" href=\"https://cdn.example/font.css\">\n"
            + "<style>.x { color: red; }</style><script>var inline = 1;</script>\n"
            + "</head>\n<body class=\"jp-Notebook\" data-x=\"1\">\n<div class=\"cell\">the notebook</div>\n</body></html>\n";

    @TempDir Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<Path> executed = new ArrayList<>();

    /** Stands for nbconvert: records what ran, writes the run log the kernel would, returns nbconvert's page. */
    private NotebookExecutor fake(List<RunLog.Run> runs) {
        return (notebook, workDir, runLog, settings) -> {
            executed.add(notebook);
            assertTrue(Files.isDirectory(workDir));
            assertEquals(600, settings.cellTimeoutSeconds());
            RunLog log = new RunLog(runLog, new RunLog.Session("0.1.0-test", "Test JVM 17", 4L << 30, 42,
                    "2026-01-01T00:00:00Z"));
            runs.forEach(log::append);
            return NBCONVERT_HTML;
        };
    }

    private int report(List<RunLog.Run> runs, String... args) {
        return ReportCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), command -> fake(runs));
    }

    private static RunLog.Run run(int cell, String... optionPairs) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < optionPairs.length; i += 2) {
            options.put(optionPairs[i], optionPairs[i + 1]);
        }
        List<String> words = new ArrayList<>(List.of("simulate"));
        options.forEach((k, v) -> words.addAll(List.of(k, v)));
        return new RunLog.Run(cell, words, options, "2026-01-01T00:00:01Z", 1234, "ok",
                Map.of("order", "g0:ikj", "cycles", "5000", "verified", "true"));
    }

    private Path notebook() throws Exception {
        return Files.writeString(dir.resolve("study.ipynb"), "{\"cells\": []}");
    }

    @Test
    void reportBeginsWithTheProvenanceOfEveryRun() throws Exception {
        Path notebook = notebook();
        List<RunLog.Run> runs = List.of(
                run(1, "--model", "zoo:spmm", "--fusion", "unfused", "--order", "auto", "--dataset", "cora",
                        "--scale", "0.5", "--seed", "1", "--timing", "comal", "--memory", "none"),
                run(2, "--model", "zoo:spmm", "--fusion", "full", "--order", "auto", "--dataset", "cora",
                        "--scale", "0.5", "--seed", "1", "--timing", "bounded", "--fifo", "64", "--memory", "none"));
        assertEquals(0, report(runs, notebook.toString()));
        Path html = dir.resolve("study.html");
        assertEquals("report written to " + html + " (the notebook ran in", out.toString(StandardCharsets.UTF_8)
                .substring(0, ("report written to " + html + " (the notebook ran in").length()));
        assertEquals(1, out.toString(StandardCharsets.UTF_8).lines().count(), "one sentence naming the file");
        assertEquals(List.of(notebook.toAbsolutePath()), executed);

        String page = Files.readString(html);
        int body = page.indexOf("<body class=\"jp-Notebook\" data-x=\"1\">");
        int block = page.indexOf("<section id=\"" + ProvenanceBlock.ID + "\"");
        assertTrue(body >= 0 && block > body && page.indexOf("the notebook") > block, "the block opens the body");
        String provenance = page.substring(block, page.indexOf("</section>", block));
        assertTrue(provenance.contains("zoo:spmm"), provenance);
        assertTrue(provenance.contains("fusion=unfused order=auto (orders run: g0:ikj)<br>")
                && provenance.contains("fusion=full order=auto"), provenance);
        assertTrue(provenance.contains("cycles 5000") && provenance.contains("verified true"), provenance);
        assertTrue(provenance.contains("cora  (scale=0.5 seed=1)"), provenance);
        assertTrue(provenance.contains("timing=comal memory=none") && provenance.contains("timing=bounded fifo=64 memory=none"),
                provenance);
        assertTrue(provenance.contains("Test JVM 17, kernel heap 4.0 GiB"), provenance);
        assertTrue(provenance.contains("2 workbench commands"), provenance);
        assertTrue(provenance.contains("SHA-256 " + ReportCommand.sha256(notebook)), provenance);
        MachineInfo machine = MachineInfo.current();
        assertTrue(provenance.contains(machine.cores() + " cores"), provenance);
        assertTrue(provenance.matches("(?s).*commit ([0-9a-f]{40}|unknown).*"), provenance);
        assertTrue(provenance.matches("(?s).*Date</th><td[^>]*>\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d.*"), provenance);

        assertFalse(page.contains("<script src") || page.contains("type=\"text/javascript\" src"),
                "no scripts from elsewhere");
        assertFalse(page.contains("cdn.example/font.css"), "no stylesheets from elsewhere");
        assertTrue(page.contains("var inline = 1;") && page.contains(".x { color: red; }"), "inline ones stay");
    }

    @Test
    void anExistingReportIsNeverReplacedWithoutForce() throws Exception {
        Path notebook = notebook();
        Path mine = Files.writeString(dir.resolve("mine.html"), "my own page");
        UserError error = assertThrows(UserError.class, () -> report(List.of(), notebook.toString(), "-o", mine.toString()));
        assertTrue(error.getMessage().contains("already exists") && error.getMessage().contains("--force"),
                error.getMessage());
        assertEquals("my own page", Files.readString(mine));
        assertEquals(List.of(), executed, "refused before anything ran");

        assertEquals(0, report(List.of(), notebook.toString(), "-o", mine.toString(), "--force"));
        String page = Files.readString(mine);
        assertTrue(page.contains("no %fuseflow command ran in this notebook"), page);
        assertEquals(List.of(), filesBeside(mine), "no temporary file is left");
    }

    @Test
    void aReportThatAppearsWhileTheNotebookRunsIsLeftAlone() throws Exception {
        Path notebook = notebook();
        Path target = dir.resolve("late.html");
        UserError error = assertThrows(UserError.class, () -> ReportCommand.run(List.of(notebook.toString(), "-o",
                target.toString()), new PrintStream(out), new PrintStream(err), command -> (nb, work, log, settings) -> {
                    try {
                        Files.writeString(target, "written meanwhile");
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    return NBCONVERT_HTML;
                }));
        assertTrue(error.getMessage().contains("appeared while the notebook ran"), error.getMessage());
        assertEquals("written meanwhile", Files.readString(target));
    }

    @Test
    void badArgumentsAreOneSentence() throws Exception {
        Path notebook = notebook();
        Path text = Files.writeString(dir.resolve("notes.txt"), "x");
        for (String[] args : List.of(new String[] {}, new String[] {dir.resolve("none.ipynb").toString()},
                new String[] {text.toString()}, new String[] {notebook.toString(), "--timeout", "0"},
                new String[] {notebook.toString(), "--timeout", "soon"}, new String[] {notebook.toString(), "--bogus"},
                new String[] {notebook.toString(), "-o", dir.resolve("r.txt").toString()},
                new String[] {notebook.toString(), "-o", dir.toString()})) {
            UserError error = assertThrows(UserError.class, () -> report(List.of(), args), String.join(" ", args));
            assertFalse(error.getMessage().contains("\n"), error.getMessage());
        }
        assertEquals(List.of(), executed);
    }

    @Test
    void runResultsAreTheResolvedOrderAndTheHeadlineNumbersOfTheJson() {
        Map<String, String> results = RunLog.results("{\"model\": \"zoo:spmm\", \"order\": \"g0:ikj\", \"cycles\": 522033,"
                + " \"verified\": true, \"groups\": [{\"cycles\": 1}]}");
        assertEquals(Map.of("order", "g0:ikj", "cycles", "522033", "verified", "true"), results);
        assertEquals(Map.of("cycles", "7"), RunLog.results("{\"cycles\": 7}\n{\"cycles\": 8}"), "the first of several");
        assertEquals(Map.of(), RunLog.results("not json"));
        assertEquals(Map.of(), RunLog.results(null));
    }

    @Test
    void aOneLineScheduleIsShownAsGiven() {
        RunLog.Run run = new RunLog.Run(1, List.of("simulate"), Map.of("--schedule", "fusion=partial order=g0:ikj",
                "--fusion", "unfused", "--values", "scalar"), "t", 1, "ok", Map.of());
        Provenance provenance = new Provenance(new SourceVersion("v", "c", false), "n.ipynb", "0",
                new RunLog.Contents(List.of(), List.of(run)), MachineInfo.current(), java.time.ZonedDateTime.now(),
                java.time.Duration.ZERO);
        assertEquals(List.of("schedule=fusion=partial order=g0:ikj values=scalar"), provenance.schedules());
    }

    @Test
    void htmlWithoutABodyStillGetsTheBlockFirst() {
        String page = HtmlReport.assemble("<p>bare</p>", "<section>block</section>");
        assertTrue(page.indexOf("<section>block</section>") < page.indexOf("<p>bare</p>"), page);
    }

    @Test
    void nbconvertFailureReasonIsTheKernelsErrorLine() {
        String output = "[NbConvertApp] Converting notebook x.ipynb to html\nTraceback (most recent call last):\n"
                + "  File \"/usr/bin/jupyter-nbconvert\", line 33\nnbclient.exceptions.CellExecutionError: An error "
                + "occurred while executing the following cell:\n------------------\n%fuseflow simulte\n"
                + "------------------\n\n\u001b[1;31mUserError\u001b[0m: unknown command 'simulte' (accepted: simulate)\n"
                + "UserError: unknown command 'simulte' (accepted: simulate)\n\n";
        assertEquals("UserError: unknown command 'simulte' (accepted: simulate)", NbconvertExecutor.reason(output));
        assertEquals("(no output)", NbconvertExecutor.reason(""));
        assertEquals("last words", NbconvertExecutor.reason("something\nlast words\n"));
    }

    @Test
    void runLogSkipsCutLinesAndReadsBackWhatWasWritten() throws Exception {
        Path file = dir.resolve("log.jsonl");
        RunLog log = new RunLog(file, RunLog.Session.current("v", "t"));
        log.append(run(3, "--model", "zoo:spmm"));
        Files.writeString(file, Files.readString(file) + "{\"kind\": \"run\", \"cell\": 4, \"wor", StandardCharsets.UTF_8);
        RunLog.Contents contents = RunLog.read(file);
        assertEquals(1, contents.sessions().size());
        assertEquals(1, contents.runs().size());
        assertEquals(3, contents.runs().get(0).cell());
        assertEquals(List.of("simulate", "--model", "zoo:spmm"), contents.runs().get(0).words());
        assertEquals(0, RunLog.read(dir.resolve("absent.jsonl")).runs().size());
    }

    private static List<Path> filesBeside(Path file) throws Exception {
        try (var files = Files.list(file.getParent())) {
            return files.filter(p -> p.getFileName().toString().startsWith(".fuseflow-report-")).toList();
        }
    }
}
