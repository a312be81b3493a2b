package dev.fuseflow.workbench;

import java.io.PrintStream;

/**
 * A progress bar on one terminal line: {@code sweep [#######-------] 12/40  3 cached, 1 error  eta 0:14}.
 * Redrawn at most ten times a second (and always at the start and the end), so a fast sweep does not spend
 * its time writing to the terminal.
 */
final class TerminalProgress implements Progress {
    private static final int BAR = 24;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream err;
    private long started;
    private long lastDrawn;
    private int lastWidth;

    TerminalProgress(PrintStream err) {
        this.err = err;
    }

    @Override
    public synchronized void update(String task, int done, int total, String detail) {
        long now = System.nanoTime();
        if (done == 0) {
            started = now;
        } else if (done < total && now - lastDrawn < REDRAW_NANOS) {
            return;
        }
        lastDrawn = now;
        String line = line(task, done, total, detail, now - started);
        String pad = " ".repeat(Math.max(0, lastWidth - line.length()));
        lastWidth = line.length();
        err.print("\r" + line + pad + (done >= total ? "\n" : ""));
        err.flush();
    }

    static String line(String task, int done, int total, String detail, long elapsedNanos) {
        int filled = total == 0 ? BAR : (int) ((long) BAR * done / total);
        StringBuilder line = new StringBuilder(task).append(" [").append("#".repeat(filled))
                .append("-".repeat(BAR - filled)).append("] ").append(done).append('/').append(total);
        if (!detail.isEmpty()) {
            line.append("  ").append(detail);
        }
        if (done > 0 && done < total) {
            long remaining = elapsedNanos / done * (total - done) / 1_000_000_000L;
            line.append(String.format("  eta %d:%02d", remaining / 60, remaining % 60));
        }
        return line.toString();
    }
}
