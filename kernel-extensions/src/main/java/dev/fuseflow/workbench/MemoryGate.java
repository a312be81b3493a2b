package dev.fuseflow.workbench;

import dev.fuseflow.diagnostics.UserError;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.function.BooleanSupplier;

/**
 * The memory guard of a sweep: before a configuration runs, its {@link MemoryEstimate} is checked against the
 * {@link MemoryBudget}. A configuration that does not fit even with nothing else running is refused with the
 * sentence {@code simulate} gives (its row shows it, the other rows still run); one that fits alone but not
 * beside the configurations running on the other threads waits until enough of them finish, so the threads
 * together never take more than the heap.
 *
 * <p>The check beside running configurations is conservative: their estimates are added to the free heap measured
 * now, which already counts what they have allocated so far.
 */
final class MemoryGate {

    /** How often a waiting configuration looks at the cancel flag. */
    private static final long WAIT_MILLIS = 50;

    private final MemoryBudget budget;
    private final double scale;
    /** Estimated bytes of the configurations admitted and not yet finished. */
    private long admitted;

    /** @param scale the sweep's {@code --scale}, from which the refusal suggests a smaller one */
    MemoryGate(MemoryBudget budget, double scale) {
        this.budget = budget;
        this.scale = scale;
    }

    /** A configuration admitted to run; closing it gives its share back. */
    interface Admission extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Admits a configuration needing {@code estimate}, waiting while it does not fit beside those running.
     *
     * @throws UserError         when it does not fit the heap on its own
     * @throws CancelledException when {@code cancelled} turns true while it waits
     */
    synchronized Admission admit(MemoryEstimate estimate, BooleanSupplier cancelled) {
        long need = estimate.total();
        while (admitted > 0 && !budget.fits(saturatingAdd(need, admitted))) {
            if (cancelled.getAsBoolean()) {
                throw new CancelledException("the sweep");
            }
            try {
                wait(WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancelledException("the sweep");
            }
        }
        if (admitted == 0) {
            budget.require(estimate, scale);
        }
        admitted = saturatingAdd(admitted, need);
        boolean[] closed = {false};
        return () -> release(need, closed);
    }

    /**
     * The error row of a configuration that ran out of memory although it was admitted: its estimate fell short,
     * or garbage of the other threads filled the heap.
     */
    String outOfMemory(MemoryEstimate estimate) {
        String half = new BigDecimal(Math.max(scale / 2, 1e-4)).round(new MathContext(2, RoundingMode.DOWN))
                .stripTrailingZeros().toPlainString();
        return "this configuration ran out of memory although its estimate of " + MemoryEstimate.human(estimate.total())
                + " fit the free heap, so it was stopped; try --scale " + half + " or --threads 1, or give the JVM "
                + "more heap";
    }

    /** Bytes admitted now (tests). */
    synchronized long admitted() {
        return admitted;
    }

    private synchronized void release(long need, boolean[] closed) {
        if (closed[0]) {
            return;
        }
        closed[0] = true;
        admitted = Math.max(0, admitted - need);
        notifyAll();
    }

    private static long saturatingAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
