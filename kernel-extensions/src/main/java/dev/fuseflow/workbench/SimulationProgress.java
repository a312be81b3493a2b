package dev.fuseflow.workbench;

import dev.fuseflow.simulator.engine.ProgressListener;
import java.util.Locale;

/**
 * A simulate run as a {@link Progress} task: its steps are the fusion groups and then the verification, so
 * {@code done} counts the steps finished, and the detail says where the run is, e.g. {@code group 2 of 3,
 * 41,943,040 token steps}. Fed by {@code ProgramRunner} and the engine (or {@code BlockProgramRunner}, per
 * group) through the {@link ProgressListener} they take, whose labels come in order ({@code group 1 of n} ...
 * {@code group n of n}, then the verification): a new label means the step before it finished. A run of
 * several programs ({@code --decoders}: the decoder, then the last decoder's tail) counts the steps of all.
 */
final class SimulationProgress implements ProgressListener {

    /** The task name simulate reports under. */
    static final String TASK = "simulate";

    private final Progress progress;
    private final int steps;
    private String current;
    private int finished;

    /**
     * @param groupsPerProgram the fusion groups of each program the run simulates in turn (one step each, plus
     *                         one for each program's verification)
     */
    SimulationProgress(Progress progress, int... groupsPerProgram) {
        this.progress = progress;
        int count = 0;
        for (int groups : groupsPerProgram) {
            count += groups + 1;
        }
        this.steps = count;
    }

    /**
     * The listener for a later program of the run: its labels get {@code prefix} (so {@code group 1 of 2} of the
     * tail is a new step after the decoder's own) and its token steps count on from {@code tokensBefore}.
     */
    ProgressListener then(String prefix, long tokensBefore) {
        return (label, done, total) -> update(prefix + label, tokensBefore + done, total);
    }

    @Override
    public void update(String label, long done, long total) {
        if (current != null && !current.equals(label)) {
            finished++;
        }
        current = label;
        progress.update(TASK, Math.min(finished, steps - 1), steps, detail(label, done));
    }

    /** The last report: every step done, the outputs {@code checked} against the CPU reference or not. */
    void finished(long tokens, boolean checked) {
        progress.update(TASK, steps, steps, detail(checked ? "checked against the CPU reference"
                : "not checked (the CPU reference would not fit)", tokens));
    }

    private static String detail(String label, long tokens) {
        return String.format(Locale.ROOT, "%s, %,d token steps", label, tokens);
    }
}
