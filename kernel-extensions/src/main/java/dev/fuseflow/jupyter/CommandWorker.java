package dev.fuseflow.jupyter;

import dev.fuseflow.diagnostics.UserError;
import dev.fuseflow.workbench.CancelledException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one workbench command at a time on its own worker thread (never inside JShell), and owns the cancel
 * flag the workbench polls. The kernel's interrupt calls {@link #cancel()}; the waiting kernel thread then
 * gives the command a grace period to notice the flag and stop, and reports the run as interrupted.
 */
final class CommandWorker {

    /** How often the waiting thread checks the task, the cancel flag and {@code whileWaiting}. */
    static final long POLL_MILLIS = 20;

    private final long graceMillis;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final AtomicInteger runs = new AtomicInteger();
    private volatile Thread current;

    /** @param graceMillis how long a cancelled command may take to stop before the cell gives up on it */
    CommandWorker(long graceMillis) {
        this.graceMillis = graceMillis;
    }

    /** The flag the workbench polls: true once the current run was interrupted. */
    boolean cancelled() {
        return cancelled.get();
    }

    /** Asks the running command to stop (the kernel's interrupt). */
    void cancel() {
        cancelled.set(true);
    }

    /** True while a command thread (possibly an abandoned, stopping one) is alive. */
    boolean busy() {
        Thread thread = current;
        return thread != null && thread.isAlive();
    }

    /**
     * Runs {@code task} on a fresh worker thread and waits for it. Exceptions the task throws are rethrown
     * unchanged.
     *
     * @param what names the run in the interruption message, e.g. {@code "simulate"}
     * @throws CancelledException when interrupted and the task did not finish within the grace period
     */
    <T> T run(String what, Callable<T> task) throws Exception {
        return run(what, task, () -> { });
    }

    /**
     * As {@link #run(String, Callable)}, calling {@code whileWaiting} on the calling thread about every
     * {@value #POLL_MILLIS} ms until the task ends (the kernel publishes the command's progress there).
     */
    <T> T run(String what, Callable<T> task, Runnable whileWaiting) throws Exception {
        awaitPrevious();
        cancelled.set(false);
        FutureTask<T> future = new FutureTask<>(task);
        Thread thread = new Thread(future, "fuseflow-command-" + runs.incrementAndGet());
        thread.setDaemon(true);
        current = thread;
        thread.start();
        long cancelSeen = 0;
        while (true) {
            try {
                return future.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                whileWaiting.run();
                if (cancelled.get()) {
                    long now = System.nanoTime();
                    if (cancelSeen == 0) {
                        cancelSeen = now;
                        thread.interrupt();
                    } else if (now - cancelSeen > TimeUnit.MILLISECONDS.toNanos(graceMillis)) {
                        throw new CancelledException(what);
                    }
                }
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof Exception exception) {
                    throw exception;
                }
                throw Sneaky.raise(cause);
            } catch (InterruptedException e) {
                cancel();
                Thread.currentThread().interrupt();
                throw new CancelledException(what);
            }
        }
    }

    private void awaitPrevious() throws InterruptedException {
        Thread previous = current;
        if (previous != null && previous.isAlive()) {
            previous.join(graceMillis);
            if (previous.isAlive()) {
                throw UserError.of("the previous %fuseflow command is still stopping after an interrupt; "
                        + "run this cell again in a moment");
            }
        }
    }
}
