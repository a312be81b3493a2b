package dev.fuseflow.workbench;

import java.util.Map;
import java.util.Optional;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * The result of {@code simulate} (and of {@code FuseFlow.simulate} in a notebook): the printed text, and the
 * report behind it, whose statistics a notebook can read ({@code cycles()}, {@code fields()}).
 */
public final class SimulationOutput implements CommandOutput {
    private final SimulationReport report;
    private final String text;

    SimulationOutput(SimulationReport report, String text) {
        this.report = report;
        this.text = text;
    }

    /** The full report: statistics by contract name, verification, per-group breakdown. */
    public SimulationReport report() {
        return report;
    }

    /** Every field of the JSON form, in order. */
    public Map<String, Object> fields() {
        return report.fields();
    }

    /** When each primitive was active, group after group (see {@link dev.fuseflow.plots.ActivityChart}). */
    public org.knowm.xchart.XYChart activity() {
        return dev.fuseflow.plots.ActivityChart.of(report.run(), report.fields().get("model") + " ("
                + report.fields().get("fusion") + ")");
    }

    /** Total cycles over all fusion groups. */
    public long cycles() {
        return report.statistics().cycles();
    }

    /** Whether every written tensor matched the CPU reference. */
    public boolean verified() {
        return Boolean.TRUE.equals(report.fields().get("verified"));
    }

    @Override
    public String plainText() {
        return text;
    }

    @Override
    public Optional<String> json() {
        return Optional.of(report.json());
    }

    @Override
    public Optional<Table> table() {
        return Optional.of(report.table());
    }

    @Override
    public Optional<Chart<?, ?>> chart() {
        return Optional.of(report.chart());
    }
}
