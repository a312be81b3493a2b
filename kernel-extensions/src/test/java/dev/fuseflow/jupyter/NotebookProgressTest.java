package dev.fuseflow.jupyter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        progress.update("simulate", 0, 2, "group 1 of 1, 70,000 token steps");
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
        progress.update("simulate", 0, 3, "group 1 of 2, 65,536 token steps");
        progress.publish(at(t));
        assertEquals(1, shown.size(), "shown once it has run long enough");
        DisplayData first = shown.get(0);
        assertEquals(progress.displayId(), first.getDisplayId(), "a display id, so later messages update it");
        String text = SharedKernel.data(first, "text/plain");
        assertEquals("simulate zoo:spmm · group 1 of 2, 65,536 token steps · 0/3 · 0.4 s", text);
        assertTrue(SharedKernel.data(first, "text/html").contains("<progress max=\"3\" value=\"0\">"));

        progress.update("simulate", 0, 3, "group 1 of 2, 131,072 token steps");
        progress.publish(at(t + NotebookProgress.UPDATE_EVERY_MILLIS - 1));
        assertEquals(List.of(), updated, "not more often than every " + NotebookProgress.UPDATE_EVERY_MILLIS + " ms");
        progress.publish(at(t + NotebookProgress.UPDATE_EVERY_MILLIS));
        assertEquals(1, updated.size());
        assertEquals(progress.displayId(), updated.get(0).getDisplayId());
        progress.publish(at(t + 10 * NotebookProgress.UPDATE_EVERY_MILLIS));
        assertEquals(1, updated.size(), "nothing new, no update");

        progress.update("simulate", 3, 3, "checked against the CPU reference, 200,000 token steps");
        progress.finish(NotebookProgress.DONE, at(3_000));
        assertEquals(1, shown.size(), "still one display");
        DisplayData last = updated.get(updated.size() - 1);
        assertEquals(progress.displayId(), last.getDisplayId());
        assertEquals("simulate zoo:spmm: done · checked against the CPU reference, 200,000 token steps · 3/3 · 3.0 s",
                SharedKernel.data(last, "text/plain"));
    }

    @Test
    void anInterruptionSaysWhereItStopped() {
        NotebookProgress progress = progress();
        progress.update("sweep", 3, 12, "1 cached");
        progress.publish(at(1_000));
        assertTrue(SharedKernel.data(shown.get(0), "text/plain").contains("1 cached · 3/12"));
        progress.finish("interrupted", at(2_000));
        String end = SharedKernel.data(updated.get(updated.size() - 1), "text/plain");
        assertEquals("simulate zoo:spmm: interrupted · 1 cached · 3/12 · 2.0 s", end);
    }

    @Test
    void textIsEscapedInHtml() {
        NotebookProgress progress = new NotebookProgress("simulate <einsum>", shown::add, updated::add, START);
        progress.update("simulate", 1, 2, "a & b");
        progress.publish(at(1_000));
        String html = SharedKernel.data(shown.get(0), "text/html");
        assertTrue(html.contains("simulate &lt;einsum&gt;") && html.contains("a &amp; b"), html);
    }
}
