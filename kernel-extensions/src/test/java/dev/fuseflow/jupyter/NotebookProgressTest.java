package dev.fuseflow.jupyter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuseflow.simulator.engine.ProgressListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.junit.jupiter.api.Test;

/** One progress display per run, shown late, updated in place at a bounded rate, ended with its outcome. */
class NotebookProgressTest {

    private static final long START = 1_000_000_000L;

    private final List<DisplayData> shown = new ArrayList<>();
    private final List<DisplayData> updated = new ArrayList<>();

    private static long at(long millis) {
        return START + TimeUnit.MILLISECONDS.toNanos(millis);
    }

    private NotebookProgress progress() {
        return new NotebookProgress("simulate zoo:spmm", shown::add, updated::add, START);
    }

    @Test
    void aQuickRunShowsNothing() {
        NotebookProgress progress = progress();
        progress.update("group 1 of 1", 70_000, ProgressListener.UNKNOWN);
        progress.publish(at(NotebookProgress.SHOW_AFTER_MILLIS - 1));
        progress.finish(NotebookProgress.DONE, at(NotebookProgress.SHOW_AFTER_MILLIS - 1));
        assertEquals(List.of(), shown);
        assertEquals(List.of(), updated);
        assertFalse(progress.shown());
    }

    @Test
    void aLongRunIsOneDisplayUpdatedInPlace() {
        NotebookProgress progress = progress();
        long t = NotebookProgress.SHOW_AFTER_MILLIS;
        progress.update("group 1 of 2", 65_536, ProgressListener.UNKNOWN);
        progress.publish(at(t));
        assertEquals(1, shown.size(), "shown once it has run long enough");
        DisplayData first = shown.get(0);
        assertEquals(progress.displayId(), first.getDisplayId(), "a display id, so later messages update it");
        String text = SharedKernel.data(first, "text/plain");
        assertTrue(text.contains("simulate zoo:spmm") && text.contains("group 1 of 2") && text.contains("65,536 token steps"),
                text);

        progress.update("group 1 of 2", 131_072, ProgressListener.UNKNOWN);
        progress.publish(at(t + NotebookProgress.UPDATE_EVERY_MILLIS - 1));
        assertEquals(List.of(), updated, "not more often than every " + NotebookProgress.UPDATE_EVERY_MILLIS + " ms");
        progress.publish(at(t + NotebookProgress.UPDATE_EVERY_MILLIS));
        assertEquals(1, updated.size());
        assertEquals(progress.displayId(), updated.get(0).getDisplayId());
        progress.publish(at(t + 10 * NotebookProgress.UPDATE_EVERY_MILLIS));
        assertEquals(1, updated.size(), "nothing new, no update");

        progress.update("group 2 of 2", 200_000, ProgressListener.UNKNOWN);
        progress.finish(NotebookProgress.DONE, at(3_000));
        assertEquals(1, shown.size(), "still one display");
        DisplayData last = updated.get(updated.size() - 1);
        assertEquals(progress.displayId(), last.getDisplayId());
        String end = SharedKernel.data(last, "text/plain");
        assertTrue(end.contains(": done") && end.contains("200,000 token steps") && end.contains("3.0 s"), end);
    }

    @Test
    void aKnownTotalDrawsABarAndAnInterruptionSaysWhereItStopped() {
        NotebookProgress progress = progress();
        progress.update("sweep", 3, 12);
        progress.publish(at(1_000));
        String html = SharedKernel.data(shown.get(0), "text/html");
        assertTrue(html.contains("<progress max=\"12\" value=\"3\">"), html);
        assertTrue(SharedKernel.data(shown.get(0), "text/plain").contains("3 of 12"));
        progress.finish("interrupted", at(2_000));
        String end = SharedKernel.data(updated.get(updated.size() - 1), "text/plain");
        assertTrue(end.contains("interrupted · sweep · 3 of 12"), end);
    }

    @Test
    void labelsAreEscapedInHtml() {
        NotebookProgress progress = new NotebookProgress("simulate <einsum>", shown::add, updated::add, START);
        progress.update("a & b", 1, 2);
        progress.publish(at(1_000));
        String html = SharedKernel.data(shown.get(0), "text/html");
        assertTrue(html.contains("simulate &lt;einsum&gt;") && html.contains("a &amp; b"), html);
    }
}
