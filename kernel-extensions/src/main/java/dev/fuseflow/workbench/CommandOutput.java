package dev.fuseflow.workbench;

import java.util.Optional;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * What one workbench command produced, in the forms each front door renders: the shell prints
 * {@link #plainText()} (or {@link #json()} with {@code --json}); the kernel shows {@link #table()} as HTML
 * and {@link #chart()} as a PNG, with the plain text as fallback.
 */
public interface CommandOutput {

    /** Human-readable text; never empty. */
    String plainText();

    /** One JSON document, when the command has a machine-readable form. */
    default Optional<String> json() {
        return Optional.empty();
    }

    /** A table of results, when the command has one. */
    default Optional<Table> table() {
        return Optional.empty();
    }

    /** A chart of results, when the command has one. */
    default Optional<Chart<?, ?>> chart() {
        return Optional.empty();
    }

    /** Text-only output, for commands such as {@code --help}. */
    static CommandOutput text(String text) {
        return () -> text;
    }
}
