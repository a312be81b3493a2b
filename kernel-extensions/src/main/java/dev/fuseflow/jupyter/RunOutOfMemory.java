package dev.fuseflow.jupyter;

import java.util.List;
import java.util.Locale;

/**
 * A workbench command in the kernel ran out of heap. The command's thread is gone and what it held can be
 * collected, so the kernel lives on; the message says so and what to try: a smaller {@code --scale} or a
 * larger kernel heap.
 */
final class RunOutOfMemory extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RunOutOfMemory(List<String> words, OutOfMemoryError cause, long heapMaxBytes) {
        super(message(words, cause, heapMaxBytes), cause, false, false);
    }

    static String message(List<String> words, OutOfMemoryError cause, long heapMaxBytes) {
        String command = words.isEmpty() ? "the command" : "%fuseflow " + words.get(0);
        return command + " ran out of memory (" + (cause.getMessage() == null ? "OutOfMemoryError" : cause.getMessage())
                + ", kernel heap " + String.format(Locale.ROOT, "%.1f GiB", heapMaxBytes / (double) (1L << 30))
                + ") and was stopped; the kernel is still running, so try a smaller --scale (e.g. --scale "
                + smallerScale(words) + ") or give the kernel more heap (set FUSEFLOW_KERNEL_XMX, e.g. 8g, in the "
                + "environment Jupyter runs in and restart the kernel)";
    }

    /** Half the line's {@code --scale} (or 0.5 without one). */
    static String smallerScale(List<String> words) {
        double scale = 1;
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            String value = word.startsWith("--scale=") ? word.substring("--scale=".length())
                    : word.equals("--scale") && i + 1 < words.size() ? words.get(i + 1) : null;
            if (value != null) {
                try {
                    scale = Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    scale = 1;
                }
            }
        }
        double half = scale > 0 && scale <= 1 ? scale / 2 : 0.5;
        return new java.math.BigDecimal(half).round(new java.math.MathContext(2)).stripTrailingZeros().toPlainString();
    }
}
