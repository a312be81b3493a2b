package dev.fuseflow.jupyter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuseflow.jupyter.SharedKernel.Cell;
import dev.fuseflow.report.RunLog;
import dev.fuseflow.workbench.Progress;
import dev.fuseflow.workbench.CommandOutput;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the kernel does around a workbench command: progress display, run records, out-of-memory recovery. */
class KernelRunsTest {

    @Test
    void aLongCommandShowsOneProgressDisplayUpdatedInPlace() {
        FuseFlowKernel kernel = SharedKernel.get();
        kernel.commandRunner(args -> {
            Progress progress = kernel.progressListener();
            for (int step = 1; step <= 8; step++) {
                progress.update("simulate", step, 8, "group 1 of 1, " + step + "00,000 token steps");
                Thread.sleep(NotebookProgress.SHOW_AFTER_MILLIS / 4);
            }
            return CommandOutput.text("finished");
        });
        try {
            Cell cell = SharedKernel.run("%fuseflow simulate --model zoo:spmm --dataset generated");
            assertNull(cell.error(), () -> String.join("\n", cell.errorLines()));
            assertEquals("finished\n", cell.stdout());
            assertEquals(1, cell.displays().size(), "one progress display: " + cell.displays());
            DisplayData display = cell.displays().get(0);
            assertNotNull(display.getDisplayId());
            assertTrue(SharedKernel.data(display, "text/plain").startsWith("simulate zoo:spmm"));
            assertTrue(cell.updates().size() >= 2, "updated in place, then finished: " + cell.updates().size());
            assertTrue(cell.updates().stream().allMatch(u -> display.getDisplayId().equals(u.getDisplayId())));
            String last = SharedKernel.data(cell.updates().get(cell.updates().size() - 1), "text/plain");
            assertTrue(last.contains(": done") && last.contains("800,000 token steps · 8/8"), last);
        } finally {
            kernel.commandRunner(kernel.workbenchRunner());
        }
    }

    /** {@code FuseFlow.run} and the typed calls from a Java cell show the same one display as the magic. */
    @Test
    void aLongCommandFromJavaCodeShowsOneProgressDisplayUpdatedInPlace() {
        FuseFlowKernel kernel = SharedKernel.get();
        List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
        kernel.commandRunner(args -> {
            threads.add(Thread.currentThread().getName());
            Progress progress = kernel.progressListener();
            for (int step = 1; step <= 8; step++) {
                progress.update("sweep", step, 8, step + " cached");
                Thread.sleep(NotebookProgress.SHOW_AFTER_MILLIS / 4);
            }
            return CommandOutput.text("swept " + args.get(0));
        });
        try {
            Cell cell = SharedKernel.run("var out = FuseFlow.run(\"sweep --model zoo:gcn --dataset cora\");\n"
                    + "out.plainText()");
            assertNull(cell.error(), () -> String.join("\n", cell.errorLines()));
            assertEquals("swept sweep", cell.resultText(), "the result is returned, not shown");
            assertTrue(threads.size() == 1 && threads.get(0).startsWith("fuseflow-command-"),
                    "on the command worker: " + threads);
            assertEquals(1, cell.displays().size(), "one progress display: " + cell.displays());
            DisplayData display = cell.displays().get(0);
            assertNotNull(display.getDisplayId());
            assertTrue(SharedKernel.data(display, "text/plain").startsWith("sweep zoo:gcn"),
                    SharedKernel.data(display, "text/plain"));
            assertTrue(cell.updates().size() >= 2, "updated in place, then finished: " + cell.updates().size());
            assertTrue(cell.updates().stream().allMatch(u -> display.getDisplayId().equals(u.getDisplayId())));
            String last = SharedKernel.data(cell.updates().get(cell.updates().size() - 1), "text/plain");
            assertTrue(last.contains(": done") && last.contains("8 cached · 8/8"), last);
        } finally {
            kernel.commandRunner(kernel.workbenchRunner());
        }
    }

    /**
     * A typed call with the real workbench behind a slow start (so the display shows however fast the machine):
     * the result is the simulation's, and the display ends with the simulation's own last report.
     */
    @Test
    void aTypedCallShowsTheSimulationsProgress() {
        FuseFlowKernel kernel = SharedKernel.get();
        FuseFlowKernel.CommandRunner real = kernel.workbenchRunner();
        kernel.commandRunner(args -> {
            for (int i = 0; i < 8; i++) {
                kernel.progressListener().update("simulate", 0, 2, "starting");
                Thread.sleep(NotebookProgress.SHOW_AFTER_MILLIS / 4);
            }
            return real.execute(args);
        });
        try {
            Cell cell = SharedKernel.run("var s = FuseFlow.simulate(\"--model zoo:spmm --dataset "
                    + "synthetic:rows=200,cols=200,density=0.05,features=16,seed=1\");\ns.cycles() > 0");
            assertNull(cell.error(), () -> String.join("\n", cell.errorLines()));
            assertEquals("true", cell.resultText());
            assertEquals(1, cell.displays().size(), "one progress display: " + cell.displays());
            String first = SharedKernel.data(cell.displays().get(0), "text/plain");
            assertTrue(first.startsWith("simulate zoo:spmm · "), first);
            String last = SharedKernel.data(cell.updates().get(cell.updates().size() - 1), "text/plain");
            assertTrue(last.startsWith("simulate zoo:spmm: done · checked against the CPU reference, ")
                    && last.contains(" · 2/2 · "), last);
        } finally {
            kernel.commandRunner(kernel.workbenchRunner());
        }
    }

    @Test
    void aQuickCommandShowsNoProgress() {
        FuseFlowKernel kernel = SharedKernel.get();
        kernel.commandRunner(args -> {
            kernel.progressListener().update("simulate", 0, 2, "group 1 of 1, 5 token steps");
            return CommandOutput.text("quick");
        });
        try {
            Cell cell = SharedKernel.run("%fuseflow simulate --model zoo:spmm --dataset generated");
            assertEquals(List.of(), cell.displays());
            assertEquals(List.of(), cell.updates());
        } finally {
            kernel.commandRunner(kernel.workbenchRunner());
        }
    }

    @Test
    void outOfMemoryInACommandIsAClearMessageAndTheKernelLivesOn() {
        FuseFlowKernel kernel = SharedKernel.get();
        AtomicInteger runs = new AtomicInteger();
        kernel.commandRunner(args -> {
            if (runs.incrementAndGet() == 1) {
                throw new OutOfMemoryError("Java heap space");
            }
            return CommandOutput.text("fits now");
        });
        try {
            Cell cell = SharedKernel.run("%fuseflow simulate --model zoo:spmm --dataset cora --scale 0.5");
            RunOutOfMemory error = assertInstanceOf(RunOutOfMemory.class, cell.error());
            assertTrue(error.getMessage().contains("--scale 0.25") && error.getMessage().contains("FUSEFLOW_KERNEL_XMX")
                    && error.getMessage().contains("still running"), error.getMessage());
            assertEquals(1, cell.errorLines().size(), cell.errorLines().toString());
            assertTrue(cell.errorLines().get(0).contains("OutOfMemoryError"));

            assertEquals("42", SharedKernel.run("6 * 7").resultText(), "Java cells run");
            Cell again = SharedKernel.run("%fuseflow simulate --model zoo:spmm --dataset cora --scale 0.25");
            assertNull(again.error());
            assertEquals("fits now\n", again.stdout(), "and so do magics");
        } finally {
            kernel.commandRunner(kernel.workbenchRunner());
        }
    }

    @Test
    void everyRunIsRecordedWithItsEffectiveOptionsForReports(@TempDir Path dir) {
        FuseFlowKernel kernel = SharedKernel.get();
        Path file = dir.resolve("runs.jsonl");
        kernel.runLog(Optional.of(new RunLog(file, RunLog.Session.current("test", "2026-01-01T00:00:00Z"))));
        FuseFlowKernel.CommandRunner real = kernel.workbenchRunner();
        kernel.commandRunner(args -> args.contains("--bogus") ? real.execute(args) : CommandOutput.text("ran"));
        try {
            assertNull(SharedKernel.run("%fuseflow simulate --model zoo:spmm --dataset karate --fusion full").error());
            assertNull(SharedKernel.run("FuseFlow.run(\"simulate --model zoo:spmm --dataset karate --seed 7\");").error());
            assertNotNull(SharedKernel.run("%fuseflow simulate --model zoo:spmm --dataset karate --bogus").error());
            assertNull(SharedKernel.run("%fuseflow simulate --help").error());
        } finally {
            kernel.commandRunner(kernel.workbenchRunner());
            kernel.runLog(Optional.empty());
        }
        RunLog.Contents log = RunLog.read(file);
        assertEquals(1, log.sessions().size());
        assertEquals(Runtime.getRuntime().maxMemory(), log.sessions().get(0).heapMaxBytes());
        assertEquals(3, log.runs().size(), "help is not a run: " + log.runs());
        RunLog.Run first = log.runs().get(0);
        assertEquals("simulate", first.command());
        assertEquals("ok", first.outcome());
        assertEquals(Optional.of("full"), first.option("--fusion"));
        assertEquals(Optional.of("comal"), first.option("--timing"), "defaults are recorded too");
        assertEquals(Optional.of("none"), first.option("--memory"));
        assertEquals(Optional.of("1"), first.option("--seed"));
        assertEquals(Optional.of("7"), log.runs().get(1).option("--seed"), "a run from Java code");
        assertEquals(java.util.Map.of(), first.results(), "a text-only output has no results");
        RunLog.Run bad = log.runs().get(2);
        assertTrue(bad.outcome().startsWith("user error") && bad.outcome().contains("--bogus"), bad.outcome());
        assertEquals(java.util.Map.of(), bad.options(), "a line that does not parse has only its words");
    }
}
