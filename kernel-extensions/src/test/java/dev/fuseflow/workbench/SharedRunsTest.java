package dev.fuseflow.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fuseflow.compiler.run.RunResult;
import dev.fuseflow.simulator.stats.Statistics;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs shared by key: made once, waited for while in progress, forgotten when they fail, bounded in number. */
class SharedRunsTest {

    @BeforeEach
    void clear() {
        SharedRuns.clear();
    }

    private static RunResult run(long cycles) {
        return new RunResult(new Statistics(cycles, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), List.of(), List.of(), 1.0);
    }

    @Test
    void aKeptRunIsNotMadeAgain() {
        AtomicInteger made = new AtomicInteger();
        RunResult first = SharedRuns.PROGRAMS.get("k", () -> run(made.incrementAndGet()), () -> false);
        RunResult second = SharedRuns.PROGRAMS.get("k", () -> run(made.incrementAndGet()), () -> false);
        assertSame(first, second);
        assertEquals(1, made.get());
        assertEquals(2, SharedRuns.PROGRAMS.get("other", () -> run(made.incrementAndGet()), () -> false).total().cycles());
    }

    @Test
    void aFailedRunIsForgottenAndMadeByTheNextCaller() {
        assertThrows(IllegalStateException.class, () -> SharedRuns.PROGRAMS.get("k", () -> {
            throw new IllegalStateException("out of luck");
        }, () -> false));
        assertEquals(7, SharedRuns.PROGRAMS.get("k", () -> run(7), () -> false).total().cycles());
    }

    @Test
    void aRunInProgressIsWaitedForAndAWaiterCanBeCancelled() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread maker = new Thread(() -> SharedRuns.PROGRAMS.get("slow", () -> {
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return run(3);
        }, () -> false));
        maker.start();
        started.await();
        AtomicBoolean cancel = new AtomicBoolean(true);
        assertThrows(CancelledException.class, () -> SharedRuns.PROGRAMS.get("slow", () -> run(99), cancel::get));
        release.countDown();
        assertEquals(3, SharedRuns.PROGRAMS.get("slow", () -> run(99), () -> false).total().cycles());
        maker.join();
    }

    @Test
    void onlyTheLastRunsAreKept() {
        for (int k = 0; k <= SharedRuns.CAPACITY; k++) {
            int cycles = k;
            SharedRuns.PROGRAMS.get("k" + k, () -> run(cycles), () -> false);
        }
        assertEquals(100, SharedRuns.PROGRAMS.get("k0", () -> run(100), () -> false).total().cycles(), "the eldest was dropped");
        assertEquals(SharedRuns.CAPACITY, SharedRuns.PROGRAMS.get("k" + SharedRuns.CAPACITY, () -> run(100), () -> false)
                .total().cycles());
    }
}
