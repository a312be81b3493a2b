package dev.fuseflow.cli;

import dev.fuseflow.simulator.engine.ProgressListener;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A progress line on a terminal's stderr, redrawn in place with a carriage return: a bar when the total is
 * known ({@code [#######.......]  45%  sweep  9 of 20 | 3.2 s}), else a counter ({@code group 2 of 3 |
 * 1,234,567 token steps | 3.2 s}); ASCII only, since a terminal's encoding is not known. It draws nothing during the first {@link #SHOW_AFTER_MILLIS}, at most every
 * {@link #REDRAW_EVERY_MILLIS}, and {@link #finish()} erases the line so the command's own output starts
 * on a clean line. Used only when stderr is a terminal (the launcher says so); otherwise nothing is drawn.
 */
final class TerminalProgress implements ProgressListener {

    static final long SHOW_AFTER_MILLIS = 500;
    static final long REDRAW_EVERY_MILLIS = 100;
    static final int BAR_WIDTH = 30;
    /** Lines are cut to this width so a narrow terminal does not wrap them (a wrapped line cannot be redrawn). */
    static final int MAX_WIDTH = 79;

    private final PrintStream err;
    private final LongSupplier clock;
    private final long start;
    private long lastDraw;
    private int drawnWidth;

    TerminalProgress(PrintStream err) {
        this(err, System::nanoTime);
    }

    TerminalProgress(PrintStream err, LongSupplier nanoClock) {
        this.err = err;
        this.clock = nanoClock;
        this.start = nanoClock.getAsLong();
    }

    @Override
    public synchronized void update(String label, long done, long total) {
        long now = clock.getAsLong();
        if (now - start < TimeUnit.MILLISECONDS.toNanos(SHOW_AFTER_MILLIS)
                || drawnWidth > 0 && now - lastDraw < TimeUnit.MILLISECONDS.toNanos(REDRAW_EVERY_MILLIS)) {
            return;
        }
        String line = line(label, done, total, (now - start) / 1e9);
        if (line.length() > MAX_WIDTH) {
            line = line.substring(0, MAX_WIDTH);
        }
        err.print("\r" + line + " ".repeat(Math.max(0, drawnWidth - line.length())));
        err.flush();
        drawnWidth = line.length();
        lastDraw = now;
    }

    /** Erases the progress line, if one was drawn. */
    synchronized void finish() {
        if (drawnWidth > 0) {
            err.print("\r" + " ".repeat(drawnWidth) + "\r");
            err.flush();
            drawnWidth = 0;
        }
    }

    static String line(String label, long done, long total, double seconds) {
        if (total > 0) {
            int filled = (int) Math.min(BAR_WIDTH, BAR_WIDTH * done / total);
            return String.format(Locale.ROOT, "[%s%s] %3d%%  %s  %,d of %,d | %.1f s", "#".repeat(filled),
                    ".".repeat(BAR_WIDTH - filled), (int) Math.min(100, 100 * done / total), label, done, total, seconds);
        }
        return String.format(Locale.ROOT, "%s | %,d token steps | %.1f s", label, done, seconds);
    }
}
