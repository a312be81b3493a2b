package dev.fuseflow.jupyter;

import dev.fuseflow.workbench.Progress;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * The progress of one {@code %fuseflow} command as one output updated in place: a {@code display_data} with a
 * {@code transient.display_id}, then {@code update_display_data} messages for the same id.
 *
 * <p>The command's worker thread only stores the latest state ({@link #update}); the thread that waits for the
 * command publishes it ({@link #publish}): the kernel's own for a magic, the cell's for a command started from
 * Java code (the kernel's thread then waits for the cell). So Jupyter messages leave one at a time, from the
 * thread the cell runs on, as the cell's own outputs do. A run shorter than {@link #SHOW_AFTER_MILLIS} leaves no progress output;
 * a longer one ends with a final line saying how it ended.
 */
final class NotebookProgress implements Progress {

    /** Runs quicker than this show no progress at all. */
    static final long SHOW_AFTER_MILLIS = 400;
    /** The display is updated at most this often. */
    static final long UPDATE_EVERY_MILLIS = 250;

    /** The outcome of a run that finished normally. */
    static final String DONE = "done";

    private static final AtomicLong IDS = new AtomicLong();

    private record State(String task, int done, int total, String detail) {
    }

    private final String title;
    private final Consumer<DisplayData> display;
    private final Consumer<DisplayData> update;
    private final String displayId;
    private final long startNanos;
    private final AtomicReference<State> latest = new AtomicReference<>();
    private State published;
    private long publishedNanos;
    private boolean shown;

    /**
     * @param title   names the run, e.g. {@code "simulate zoo:spmm"}
     * @param display publishes a new display ({@code display_data})
     * @param update  publishes an update of a display with an id ({@code update_display_data})
     */
    NotebookProgress(String title, Consumer<DisplayData> display, Consumer<DisplayData> update) {
        this(title, display, update, System.nanoTime());
    }

    /** As above, for a run that started at {@code startNanos} on the {@link System#nanoTime()} clock. */
    NotebookProgress(String title, Consumer<DisplayData> display, Consumer<DisplayData> update, long startNanos) {
        this.title = title;
        this.display = display;
        this.update = update;
        this.displayId = "fuseflow-progress-" + ProcessHandle.current().pid() + "-" + IDS.incrementAndGet();
        this.startNanos = startNanos;
    }

    /** The command's threads: remember the newest state (published later by {@link #publish}). */
    @Override
    public void update(String task, int done, int total, String detail) {
        latest.set(new State(task, done, total, detail));
    }

    /** The kernel's thread, while it waits: shows or updates the display when it is due. */
    void publish() {
        publish(System.nanoTime());
    }

    void publish(long now) {
        State state = latest.get();
        if (state == null || state.equals(published) || now - startNanos < millis(SHOW_AFTER_MILLIS)
                || shown && now - publishedNanos < millis(UPDATE_EVERY_MILLIS)) {
            return;
        }
        send(render(state, elapsed(now), null));
        published = state;
        publishedNanos = now;
    }

    /**
     * The kernel's thread, when the command ended: a shown display gets its final text ({@code outcome},
     * {@value #DONE} or e.g. {@code "interrupted"}); a run that never showed progress leaves nothing.
     */
    void finish(String outcome) {
        finish(outcome, System.nanoTime());
    }

    void finish(String outcome, long now) {
        if (!shown) {
            return;
        }
        send(render(latest.get(), elapsed(now), outcome));
    }

    /** True once the display was published. */
    boolean shown() {
        return shown;
    }

    String displayId() {
        return displayId;
    }

    private void send(DisplayData data) {
        data.setDisplayId(displayId);
        if (shown) {
            update.accept(data);
        } else {
            display.accept(data);
            shown = true;
        }
    }

    private DisplayData render(State state, double seconds, String outcome) {
        StringBuilder text = new StringBuilder(title);
        if (outcome != null) {
            text.append(": ").append(outcome);
        }
        if (state != null) {
            if (!state.detail().isEmpty()) {
                text.append(" · ").append(state.detail()); // where it is, or where it stopped
            }
            text.append(" · ").append(count(state.done())).append('/').append(count(state.total()));
        }
        text.append(String.format(Locale.ROOT, " · %.1f s", seconds));
        DisplayData data = new DisplayData(text.toString());
        StringBuilder html = new StringBuilder("<div class=\"fuseflow-progress\">");
        if (state != null && state.total() > 0) {
            html.append("<progress max=\"").append(state.total()).append("\" value=\"")
                    .append(Math.min(state.done(), state.total())).append("\"></progress> ");
        }
        html.append("<code>").append(escape(text.toString())).append("</code></div>");
        data.putHTML(html.toString());
        return data;
    }

    private double elapsed(long now) {
        return (now - startNanos) / 1e9;
    }

    private static long millis(long ms) {
        return TimeUnit.MILLISECONDS.toNanos(ms);
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
