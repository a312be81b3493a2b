package dev.fuseflow.report;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Exactly how a report was produced: the code (version and commit), the notebook, every workbench command the
 * kernel ran with all its option values, the kernel's JVM, the machine and when. {@link ProvenanceBlock}
 * renders it at the top of the report.
 *
 * @param notebook    the notebook as the user named it
 * @param notebookSha256 the notebook file's SHA-256, so a reader can tell which version was run
 * @param runs        the kernel's run log
 * @param executed    how long executing the notebook took
 */
public record Provenance(SourceVersion source, String notebook, String notebookSha256, RunLog.Contents runs,
        MachineInfo machine, ZonedDateTime generated, Duration executed) {

    /** The kernel's JVM as it recorded itself, else the report command's own. */
    public String jdk() {
        return runs.sessions().isEmpty() ? machine.jdk() : runs.sessions().get(0).jdk();
    }

    /** The kernel's maximum heap, when it recorded one. */
    public Optional<Long> kernelHeap() {
        return runs.sessions().isEmpty() ? Optional.empty() : Optional.of(runs.sessions().get(0).heapMaxBytes());
    }

    /** The distinct models the runs used, in order of first use. */
    public List<String> models() {
        return distinct(run -> run.option("--model").orElse(null));
    }

    /**
     * The distinct schedules: the one-line {@code --schedule} or fusion, order, parallelization and block
     * size, with mode orders and value mode, and the orders {@code auto} resolved to.
     */
    public List<String> schedules() {
        return distinct(run -> {
            String given = run.option("--schedule").isPresent() ? joined(run, "--schedule", "--mode-order", "--values")
                    : joined(run, "--fusion", "--order", "--par", "--mode-order", "--values", "--block");
            String resolved = run.results().get("order");
            return given == null ? null : resolved == null ? given : given + " (orders run: " + resolved + ")";
        });
    }

    /** The distinct datasets with their scale and seed. */
    public List<String> datasets() {
        return distinct(run -> run.option("--dataset").map(dataset -> dataset + "  (" + joined(run, "--scale", "--seed")
                + ")").orElse(null));
    }

    /** The distinct timing set-ups: profile, FIFO depth and memory model. */
    public List<String> timings() {
        return distinct(run -> joined(run, "--timing", "--fifo", "--memory", "--decoders"));
    }

    private interface Field {
        String of(RunLog.Run run);
    }

    private List<String> distinct(Field field) {
        Set<String> values = new LinkedHashSet<>();
        for (RunLog.Run run : runs.runs()) {
            String value = field.of(run);
            if (value != null && !value.isBlank()) {
                values.add(value);
            }
        }
        return new ArrayList<>(values);
    }

    /** {@code fusion=unfused order=auto} for the options the run has, or null when it has none of them. */
    private static String joined(RunLog.Run run, String... options) {
        List<String> parts = new ArrayList<>();
        for (String option : options) {
            run.option(option).ifPresent(value -> parts.add(option.substring(2) + "=" + value));
        }
        return parts.isEmpty() ? null : String.join(" ", parts);
    }
}
