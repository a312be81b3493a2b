package dev.fuseflow.jupyter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuseflow.jupyter.SharedKernel.Cell;
import dev.fuseflow.workbench.CancelledException;
import dev.fuseflow.workbench.CommandOutput;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The kernel's interrupt: it stops a runaway Java cell and sets the cancel flag a running command polls. */
public class InterruptTest {

    /** Counted down by the cell once it is running; public so JShell code can reach it. */
    public static volatile CountDownLatch started;

    @Test
    void runawayJavaLoopStopsWithinASecond() throws Exception {
        started = new CountDownLatch(1);
        CompletableFuture<Cell> cell = CompletableFuture.supplyAsync(() ->
                SharedKernel.run("dev.fuseflow.jupyter.InterruptTest.started.countDown();\nwhile (true) { }"));
        assertTrue(started.await(30, TimeUnit.SECONDS), "the loop started");
        Thread.sleep(100);
        long t0 = System.nanoTime();
        SharedKernel.get().interrupt();
        Cell stopped = cell.get(5, TimeUnit.SECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertTrue(took.toMillis() < 1_000, "stopped after " + took.toMillis() + " ms");
        assertInstanceOf(CancelledException.class, stopped.error());
        assertTrue(stopped.errorLines().get(0).contains("Interrupted"), stopped.errorLines().get(0));

        Cell next = SharedKernel.run("21 * 2");
        assertNull(next.error());
        assertEquals("42", next.resultText());
    }

    @Test
    void interruptStopsTheRestOfTheCell() throws Exception {
        started = new CountDownLatch(1);
        CompletableFuture<Cell> cell = CompletableFuture.supplyAsync(() -> SharedKernel.run(
                "dev.fuseflow.jupyter.InterruptTest.started.countDown();\n"
                        + "try { Thread.sleep(60_000); } catch (InterruptedException e) { }\n"
                        + "System.out.println(\"must not run\");"));
        assertTrue(started.await(30, TimeUnit.SECONDS));
        Thread.sleep(100);
        SharedKernel.get().interrupt();
        Cell stopped = cell.get(5, TimeUnit.SECONDS);
        assertInstanceOf(CancelledException.class, stopped.error());
        assertFalse(stopped.stdout().contains("must not run"), stopped.stdout());
    }

    @Test
    void interruptSetsTheCancelFlagOfTheRunningCommand() throws Exception {
        FuseFlowKernel kernel = SharedKernel.get();
        CountDownLatch commandStarted = new CountDownLatch(1);
        AtomicBoolean sawCancel = new AtomicBoolean();
        AtomicReference<String> thread = new AtomicReference<>();
        kernel.commandRunner(args -> {
            thread.set(Thread.currentThread().getName());
            commandStarted.countDown();
            while (!kernel.commandCancelled()) {
                Thread.onSpinWait();
            }
            sawCancel.set(true);
            throw new CancelledException(args.get(0));
        });
        try {
            CompletableFuture<Cell> cell = CompletableFuture.supplyAsync(() ->
                    SharedKernel.run("%fuseflow simulate --model zoo:spmm --dataset generated"));
            assertTrue(commandStarted.await(30, TimeUnit.SECONDS), "the command started");
            assertFalse(kernel.commandCancelled());
            long t0 = System.nanoTime();
            kernel.interrupt();
            Cell stopped = cell.get(5, TimeUnit.SECONDS);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(sawCancel.get(), "the command saw its cancel flag");
            assertTrue(millis < 1_000, "stopped after " + millis + " ms");
            assertTrue(thread.get().startsWith("fuseflow-command-"), thread.get());
            CancelledException error = assertInstanceOf(CancelledException.class, stopped.error());
            assertEquals("simulate was interrupted", error.getMessage());

            AtomicBoolean flagAtNextStart = new AtomicBoolean(true);
            kernel.commandRunner(args -> {
                flagAtNextStart.set(kernel.commandCancelled());
                return CommandOutput.text("fine");
            });
            Cell next = SharedKernel.run("%fuseflow simulate --model zoo:spmm --dataset generated");
            assertNull(next.error());
            assertEquals("fine\n", next.stdout());
            assertFalse(flagAtNextStart.get(), "the flag is cleared for the next command");
        } finally {
            kernel.commandRunner(kernel.workbenchRunner());
        }
    }

    /**
     * The real engine: a simulation of about 1.6 G token steps (tens of seconds) is interrupted mid-run; the engine sees the
     * cancel flag at its poll site and the cell ends quickly, after showing its progress display.
     */
    @Test
    void realSimulationStopsWithinASecondAndItsProgressSaysInterrupted() throws Exception {
        CompletableFuture<Cell> cell = CompletableFuture.supplyAsync(() -> SharedKernel.run(
                "%fuseflow simulate --model zoo:spmm --dataset synthetic:rows=10000,cols=2000,density=0.05,features=200,seed=1"));
        Thread.sleep(3 * NotebookProgress.SHOW_AFTER_MILLIS + 1_500);
        long t0 = System.nanoTime();
        SharedKernel.get().interrupt();
        Cell stopped = cell.get(10, TimeUnit.SECONDS);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        System.out.println("InterruptTest: a real simulation stopped " + millis + " ms after the interrupt");
        assertInstanceOf(CancelledException.class, stopped.error(), "still running when interrupted");
        assertTrue(millis < 1_000, "stopped after " + millis + " ms");
        assertEquals(1, stopped.displays().size(), "its progress display: " + stopped.displays());
        String last = SharedKernel.data(stopped.updates().get(stopped.updates().size() - 1), "text/plain");
        assertTrue(last.startsWith("simulate zoo:spmm: interrupted · group 1 of 1, ") && last.contains(" token steps · 0/2 · "),
                last);
        assertEquals("42", SharedKernel.run("6 * 7").resultText(), "the kernel answers the next cell");
    }

    @Test
    void commandThatIgnoresTheFlagIsAbandonedAfterTheGracePeriod() throws Exception {
        FuseFlowKernel kernel = SharedKernel.get();
        CountDownLatch commandStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        kernel.commandRunner(args -> {
            commandStarted.countDown();
            while (release.getCount() > 0) {
                try {
                    release.await();
                } catch (InterruptedException ignored) {
                    // a stubborn command
                }
            }
            return CommandOutput.text("late");
        });
        try {
            CompletableFuture<Cell> cell = CompletableFuture.supplyAsync(() ->
                    SharedKernel.run("%fuseflow simulate --model zoo:spmm --dataset generated"));
            assertTrue(commandStarted.await(30, TimeUnit.SECONDS));
            long t0 = System.nanoTime();
            kernel.interrupt();
            Cell stopped = cell.get(10, TimeUnit.SECONDS);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertInstanceOf(CancelledException.class, stopped.error());
            assertTrue(millis >= SharedKernel.TEST_STOP_GRACE_MILLIS - 50 && millis < 3 * SharedKernel.TEST_STOP_GRACE_MILLIS,
                    "gave up after the grace period: " + millis + " ms");
            assertEquals("3", SharedKernel.run("1 + 2").resultText(), "Java cells run meanwhile");
        } finally {
            release.countDown();
            kernel.commandRunner(kernel.workbenchRunner());
        }
    }
}
