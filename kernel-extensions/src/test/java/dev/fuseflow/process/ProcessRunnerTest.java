package dev.fuseflow.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ProcessRunner} on small {@code /bin/sh -c} scripts. */
class ProcessRunnerTest {

    private static ProcessRunner sh(String script) {
        return new ProcessRunner(List.of("/bin/sh", "-c", script));
    }

    @Test
    void theExitCodeAndBothStreamsComeBack() throws IOException {
        ProcessResult result = sh("echo to-stdout; echo to-stderr >&2; exit 3").run();
        assertEquals(3, result.exitCode());
        assertEquals("to-stdout\nto-stderr\n", result.output());
        assertFalse(result.timedOut());
    }

    @Test
    void discardedErrorsAreNotInTheOutput() throws IOException {
        ProcessResult result = sh("echo kept; echo dropped >&2").discardErrors().run();
        assertEquals(new ProcessResult(0, "kept\n", false), result);
    }

    @Test
    void outputLargerThanAPipeBufferIsCapturedWhole() throws IOException {
        // a pipe holds 64 KiB: without draining while waiting, the script would block on write for ever
        ProcessResult result = sh("head -c 1000000 /dev/zero | tr '\\0' x").timeout(Duration.ofSeconds(30)).run();
        assertFalse(result.timedOut());
        assertEquals(1_000_000, result.output().length());
        assertEquals("x".repeat(1_000_000), result.output());
    }

    @Test
    void anExactEnvironmentInheritsNothingAndAnExtraOneAddsToThisJvms(@TempDir Path dir) throws IOException {
        // HOME, not PATH: the shell sets a default PATH of its own when it inherits none
        assumeTrue(System.getenv("HOME") != null, "HOME is not set in this JVM's environment");
        String script = "printf '%s|%s|%s' \"$GREETING\" \"$HOME\" \"$(pwd)\"";
        ProcessResult exact = sh(script).environment(Map.of("GREETING", "hello")).directory(dir).run();
        assertTrue(exact.output().startsWith("hello||"), exact.output());
        assertEquals(dir.toRealPath().toString(), exact.output().substring("hello||".length()));

        ProcessResult extra = sh(script).extraEnvironment(Map.of("GREETING", "hi")).run();
        assertEquals("hi|" + System.getenv("HOME") + "|" + Path.of("").toAbsolutePath(), extra.output());
    }

    @Test
    void pastTheTimeLimitTheProgramAndItsChildrenAreKilled() throws IOException, InterruptedException {
        long start = System.nanoTime();
        // the background sleep is a child of the shell that holds the output pipe open as well
        ProcessResult result = sh("sleep 60 & echo $$ $!; wait").timeout(Duration.ofMillis(500)).run();
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(result.timedOut());
        assertEquals(-1, result.exitCode());
        assertTrue(seconds < ProcessRunner.OUTPUT_GRACE.toSeconds(), "returned after " + seconds + " s");
        String[] pids = result.output().strip().split(" ");
        assertEquals(2, pids.length, "the output written before the kill is kept: " + result.output());
        for (String pid : pids) {
            assertEnds(Long.parseLong(pid));
        }
    }

    @Test
    void anInterruptedWaitKillsTheProgramAndKeepsTheInterruptStatus(@TempDir Path dir) throws Exception {
        Path pidFile = dir.resolve("pid");
        Thread waiting = Thread.currentThread();
        ScheduledExecutorService interrupter = Executors.newSingleThreadScheduledExecutor();
        interrupter.schedule(waiting::interrupt, 500, TimeUnit.MILLISECONDS);
        try {
            long start = System.nanoTime();
            ProcessInterruptedException e = assertThrows(ProcessInterruptedException.class,
                    () -> sh("echo $$ > '" + pidFile + "'; sleep 60").run());
            assertTrue(Thread.interrupted(), "the interrupt status is kept (and cleared here)");
            assertTrue(e.getMessage().contains("sleep 60"), e.getMessage());
            assertTrue((System.nanoTime() - start) / 1e9 < 30, "it did not wait for the sleep");
        } finally {
            interrupter.shutdownNow();
            Thread.interrupted();
        }
        assertEnds(Long.parseLong(Files.readString(pidFile).strip()));
    }

    @Test
    void aMissingProgramCannotStart() {
        assertThrows(IOException.class, () -> new ProcessRunner(List.of("/no/such/program")).run());
    }

    /** Waits a little for {@code pid} to be gone: a forcible kill is delivered asynchronously. */
    private static void assertEnds(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            assertTrue(System.nanoTime() < deadline, "process " + pid + " still runs");
            Thread.sleep(20);
        }
    }
}
