package dev.fuseflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuseflow.compiler.run.ProgramRunner;
import dev.fuseflow.simulator.engine.ProgressListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The shell's progress line: late, rate-limited, redrawn in place with a carriage return, erased at the end. */
class TerminalProgressTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final AtomicLong now = new AtomicLong(0);
    private final TerminalProgress bar = new TerminalProgress(err, now::get);

    private void at(long millis) {
        now.set(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    private String drawn() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void nothingEarlyThenOneLineRedrawnThenErased() {
        at(TerminalProgress.SHOW_AFTER_MILLIS - 1);
        bar.update("group 1 of 2", 1_000, ProgressListener.UNKNOWN);
        assertEquals("", drawn(), "a quick run draws nothing");
        at(TerminalProgress.SHOW_AFTER_MILLIS);
        bar.update("group 1 of 2", 2_000_000, ProgressListener.UNKNOWN);
        assertEquals("\rgroup 1 of 2 | 2,000,000 token steps | 0.5 s", drawn());
        at(TerminalProgress.SHOW_AFTER_MILLIS + 10);
        bar.update("group 2 of 2", 3_000_000, ProgressListener.UNKNOWN);
        assertEquals("\rgroup 1 of 2 | 2,000,000 token steps | 0.5 s", drawn(), "rate-limited");
        at(TerminalProgress.SHOW_AFTER_MILLIS + TerminalProgress.REDRAW_EVERY_MILLIS);
        bar.update(ProgramRunner.VERIFYING, 3_000_000, ProgressListener.UNKNOWN);
        String twoLines = drawn();
        assertTrue(twoLines.endsWith("\r" + TerminalProgress.line(ProgramRunner.VERIFYING, 3_000_000, -1, 0.6)),
                twoLines);
        assertTrue(!twoLines.contains("\n"), "redrawn in place, never a new line");
        bytes.reset();
        bar.finish();
        assertTrue(drawn().matches("\r +\r"), "erased: " + drawn().replace("\r", "\\r"));
        bytes.reset();
        bar.finish();
        assertEquals("", drawn(), "only once");
    }

    @Test
    void aKnownTotalIsABar() {
        assertEquals("[#######.......................]  25%  sweep  5 of 20 | 1.5 s",
                TerminalProgress.line("sweep", 5, 20, 1.5));
        assertEquals("[##############################] 100%  sweep  20 of 20 | 9.0 s",
                TerminalProgress.line("sweep", 20, 20, 9));
    }

    @Test
    void longLinesAreCutToTheTerminalWidth() {
        at(TerminalProgress.SHOW_AFTER_MILLIS);
        bar.update("x".repeat(200), 1, ProgressListener.UNKNOWN);
        assertEquals(TerminalProgress.MAX_WIDTH + 1, drawn().length());
    }
}
