package dev.fuseflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuseflow.diagnostics.UserError;
import dev.fuseflow.workbench.CancelledException;
import dev.fuseflow.workbench.CommandOutput;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
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
        for (String command : List.of("simulate", "compile", "kernel install", "notebook", "test")) {
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
