package dev.fuseflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuseflow.diagnostics.UserError;
import dev.fuseflow.workbench.CancelledException;
import dev.fuseflow.workbench.CommandOutput;
import dev.fuseflow.simulator.interop.ComalGraphFile;
import dev.fuseflow.simulator.interop.ComalGraphReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MainTest {

    /** What one run printed and returned. */
    private record Result(int code, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    private static Result run(String... args) {
        return capture(args, null);
    }

    private static Result capture(String[] args, Main.Commands commands) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            int code = commands == null ? Main.run(args, o, e) : Main.run(args, o, e, commands);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }

    private static void assertOneUserErrorLine(Result result, String mentioned) {
        assertEquals(Main.USER_ERROR, result.code(), result.toString());
        assertEquals(1, result.errLines().size(), "exactly one line on stderr: " + result.err());
        String line = result.errLines().get(0);
        assertTrue(line.startsWith("fuseflow: "), line);
        assertTrue(line.contains(mentioned), line);
        assertFalse(result.err().contains("\tat "), "no stack trace for a user mistake: " + result.err());
        assertEquals("", result.out(), "nothing on stdout");
    }

    @ParameterizedTest
    @ValueSource(strings = {"help", "--help", "-h", ""})
    void helpListsEveryCommandAndExitsZero(String word) {
        Result result = word.isEmpty() ? run() : run(word);
        assertEquals(Main.OK, result.code(), result.err());
        assertEquals("", result.err());
        for (String command : List.of("simulate", "compile", "kernel install", "notebook", "report NOTEBOOK", "test")) {
            assertTrue(result.out().contains(command), "usage mentions " + command + ":\n" + result.out());
        }
        assertTrue(result.out().contains("--model"), "usage includes the workbench options:\n" + result.out());
    }

    @Test
    void helpForOneCommandShowsItsOptions() {
        Result result = run("help", "simulate");
        assertEquals(Main.OK, result.code(), result.err());
        assertTrue(result.out().contains("--dataset"), result.out());
        assertTrue(result.out().contains("--json"), result.out());
    }

    @Test
    void helpForKernelShowsKernelInstallOptions() {
        Result result = run("help", "kernel");
        assertEquals(Main.OK, result.code(), result.err());
        assertTrue(result.out().contains("kernel install"), result.out());
    }

    @Test
    void unknownCommandIsOneLineAndExitTwo() {
        assertOneUserErrorLine(run("nosuch"), "nosuch");
    }

    @Test
    void unknownOptionIsOneLineAndExitTwo() {
        assertOneUserErrorLine(run("simulate", "--model", "zoo:spmm", "--dataset", "karate", "--bogus"), "--bogus");
        assertOneUserErrorLine(run("simulate", "--bogus"), "fuseflow: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"summary", "dot", "json", "comal-proto-text"})
    void compilePrintsEveryTextForm(String form) throws Exception {
        Result result = run("compile", "--model", "zoo:spmm", "--emit", form);
        assertEquals(Main.OK, result.code(), result.err());
        assertEquals("", result.err());
        String out = result.out();
        switch (form) {
            case "summary" -> assertTrue(out.startsWith("program spmm, fusion unfused") && out.contains("  order "), out);
            case "dot" -> assertTrue(out.startsWith("digraph \"spmm/g0\" {") && out.contains("FiberLookup\\nA."), out);
            case "json" -> assertEquals("fuseflow-sam-graphs",
                    com.google.gson.JsonParser.parseString(out).getAsJsonObject().get("format").getAsString());
            default -> {
                var proto = ComalGraphFile.parse(out.getBytes(StandardCharsets.UTF_8), ComalGraphFile.Encoding.TEXT, "stdout");
                assertEquals("comal graph", proto.getName());
                assertTrue(ComalGraphReader.fromProto(proto, "stdout", "spmm").graph().ops().size() > 10);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"comal-proto", "comal-proto-text", "json", "dot", "summary"})
    void compileWritesEveryFormToANewFileAndNeverOverAnExistingOne(String form, @TempDir Path dir) throws Exception {
        Path file = dir.resolve("spmm." + form);
        Result written = run("compile", "--model", "zoo:spmm", "--emit", form, "-o", file.toString());
        assertEquals(Main.OK, written.code(), written.err());
        assertEquals("wrote " + file, written.out().trim());
        byte[] bytes = Files.readAllBytes(file);
        if (form.startsWith("comal-proto")) {
            var encoding = form.equals("comal-proto") ? ComalGraphFile.Encoding.BINARY : ComalGraphFile.Encoding.TEXT;
            var proto = ComalGraphFile.parse(bytes, encoding, file.toString());
            assertEquals(1024, proto.getChannelSize());
            assertEquals(proto, ComalGraphFile.read(file), "the content, not only the name, says what it is");
        } else {
            assertTrue(bytes.length > 50);
        }
        Files.writeString(file, "mine");
        assertOneUserErrorLine(run("compile", "--model", "zoo:spmm", "--emit", form, "-o", file.toString()),
                "already exists");
        assertEquals("mine", Files.readString(file));
    }

    @Test
    void binaryComalProtoWithoutAFileIsOneSentence() {
        assertOneUserErrorLine(run("compile", "--model", "zoo:spmm", "--emit", "comal-proto"), "add -o FILE");
    }

    @Test
    void badEmitValueIsOneSentenceListingTheForms() {
        Result result = run("compile", "--model", "zoo:spmm", "--emit", "pdf");
        assertOneUserErrorLine(result, "--emit pdf is not available");
        assertTrue(result.err().contains("summary, schedule, dot, json, comal-proto, comal-proto-text"), result.err());
    }

    @Test
    void helpForUnknownCommandIsAUserError() {
        assertOneUserErrorLine(run("help", "nosuch"), "nosuch");
    }

    @ParameterizedTest
    @ValueSource(strings = {"notebook", "test"})
    void launcherOnlyCommandsPointToTheLauncher(String command) {
        assertOneUserErrorLine(run(command), "./fuseflow " + command);
    }

    @Test
    void kernelNeedsInstall() {
        assertOneUserErrorLine(run("kernel"), "kernel install");
        assertOneUserErrorLine(run("kernel", "remove"), "'remove'");
    }

    @Test
    void plainTextGoesToStdoutWithOneTrailingNewline() {
        Result result = capture(new String[] {"simulate", "--json"}, args -> CommandOutput.text("{\"cycles\": 1}"));
        assertEquals(Main.OK, result.code());
        assertEquals("{\"cycles\": 1}" + System.lineSeparator(), result.out());
        assertEquals("", result.err());
    }

    @Test
    void multiLineUserErrorIsFoldedOntoOneLine() {
        Result result = capture(new String[] {"simulate"}, args -> {
            throw UserError.of("first part\nsecond part");
        });
        assertOneUserErrorLine(result, "first part second part");
    }

    @Test
    void cancelledRunExits130() {
        Result result = capture(new String[] {"simulate"}, args -> {
            throw new CancelledException("simulate");
        });
        assertEquals(Main.CANCELLED, result.code());
        assertEquals(List.of("fuseflow: simulate was interrupted"), result.errLines());
    }

    @Test
    void outOfMemoryIsOneLineSuggestingScaleWithoutAStackTrace() {
        Result result = capture(new String[] {"simulate", "--model", "zoo:spmm"}, args -> {
            throw new OutOfMemoryError("Java heap space");
        });
        assertEquals(Main.INTERNAL_ERROR, result.code());
        assertEquals(1, result.errLines().size(), result.err());
        String line = result.errLines().get(0);
        assertTrue(line.startsWith("fuseflow: 'simulate' ran out of memory (Java heap space") && line.contains("--scale")
                && line.contains("-Xmx"), line);
    }

    @Test
    void reportHelpAndItsMistakes(@TempDir Path dir) throws Exception {
        Result help = run("help", "report");
        assertEquals(Main.OK, help.code(), help.err());
        assertTrue(help.out().contains("NOTEBOOK") && help.out().contains("--force") && help.out().contains("-o"),
                help.out());
        assertOneUserErrorLine(run("report"), "NOTEBOOK");
        assertOneUserErrorLine(run("report", dir.resolve("missing.ipynb").toString()), "does not exist");
        Path notebook = Files.writeString(dir.resolve("n.ipynb"), "{}");
        assertOneUserErrorLine(run("report", notebook.toString(), "--bogus"), "--bogus");
        assertOneUserErrorLine(run("report", notebook.toString(), "-o", dir.resolve("r.pdf").toString()), ".html");
        Path existing = Files.writeString(dir.resolve("n.html"), "mine");
        assertOneUserErrorLine(run("report", notebook.toString()), "already exists");
        assertEquals("mine", Files.readString(existing), "left alone");
    }

    @Test
    void internalErrorExitsOneWithStackTrace() {
        Result result = capture(new String[] {"simulate"}, args -> {
            throw new IllegalStateException("boom");
        });
        assertEquals(Main.INTERNAL_ERROR, result.code());
        assertTrue(result.errLines().get(0).startsWith("fuseflow: internal error: "), result.err());
        assertTrue(result.err().contains("boom"), result.err());
        assertTrue(result.err().contains("\tat "), "stack trace expected: " + result.err());
    }
}
