package dev.fuseflow.workbench;

import dev.fuseflow.diagnostics.UserError;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.function.LongSupplier;

/**
 * The heap a run may still take, and the up-front check that refuses a run whose {@link MemoryEstimate}
 * exceeds it with a suggestion ({@code --scale}), instead of letting it die of an OutOfMemoryError halfway.
 */
final class MemoryBudget {

    /** A budget that never refuses (library callers and tests that do not exercise the guard). */
    static final MemoryBudget UNLIMITED = new MemoryBudget(() -> Long.MAX_VALUE, Long.MAX_VALUE, false);

    private final LongSupplier available;
    private final long heapMax;
    private final boolean collectBeforeRefusing;

    private MemoryBudget(LongSupplier available, long heapMax, boolean collectBeforeRefusing) {
        this.available = available;
        this.heapMax = heapMax;
        this.collectBeforeRefusing = collectBeforeRefusing;
    }

    /** This JVM's heap: the maximum ({@code -Xmx}) less what is in use now. */
    static MemoryBudget ofHeap() {
        Runtime runtime = Runtime.getRuntime();
        return new MemoryBudget(() -> runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory()),
                runtime.maxMemory(), true);
    }

    /** A fixed budget of {@code bytes} (tests). */
    static MemoryBudget of(long bytes) {
        return new MemoryBudget(() -> bytes, bytes, false);
    }

    /** True when {@code bytes} fit the free heap now (without collecting garbage first). */
    boolean fits(long bytes) {
        return bytes <= available.getAsLong();
    }

    /**
     * Refuses the run when {@code estimate} exceeds the free heap.
     *
     * @param scale the run's {@code --scale}, from which a smaller one is suggested
     * @throws UserError naming the estimate, the free heap and a {@code --scale} that would fit
     */
    void require(MemoryEstimate estimate, double scale) {
        long need = estimate.total();
        long free = available.getAsLong();
        if (need <= free) {
            return;
        }
        if (collectBeforeRefusing) {
            System.gc(); // garbage of earlier runs counts as used until collected; judge the live heap only
            free = available.getAsLong();
            if (need <= free) {
                return;
            }
        }
        throw UserError.of("this run needs about " + MemoryEstimate.human(need) + " of heap (dataset and inputs "
                + MemoryEstimate.human(estimate.datasetBytes()) + ", CPU reference and output tensors "
                + MemoryEstimate.human(estimate.tensorBytes()) + ") but only " + MemoryEstimate.human(Math.max(0, free))
                + " of the " + MemoryEstimate.human(heapMax) + " heap is free, so it was not started; try --scale "
                + suggestedScale(scale, need, free) + ", or give the JVM more heap (./fuseflow: FUSEFLOW_JAVA_OPTS=-Xmx8g; "
                + "the notebook kernel: FUSEFLOW_KERNEL_XMX=8g in the environment Jupyter runs in, then restart the kernel)");
    }

    /**
     * A scale at which the run should fit: most of the estimate is dense tensors whose two dimensions both
     * shrink with the scale, so the need falls about with its square; rounded down to two significant digits,
     * with a margin.
     */
    static String suggestedScale(double scale, long need, long free) {
        double fraction = Math.sqrt(Math.max(free, 1) / (double) need) * 0.9;
        double suggested = Math.max(scale * fraction, 1e-4);
        return new BigDecimal(suggested).round(new MathContext(2, RoundingMode.DOWN)).stripTrailingZeros()
                .toPlainString();
    }
}
