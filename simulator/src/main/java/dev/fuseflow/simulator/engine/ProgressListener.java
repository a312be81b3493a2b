package dev.fuseflow.simulator.engine;

/**
 * Told how far a long run has come, so a front end can show it: the notebook kernel updates one progress
 * display in place, the shell draws a bar on a terminal's stderr. The engine calls it from the thread that
 * runs the simulation, at the site where it polls the cancel flag, and only every
 * {@link Simulation#PROGRESS_EVERY} token steps or so, so a listener may allocate; it must return quickly.
 */
@FunctionalInterface
public interface ProgressListener {

    /**
     * The {@code total} of a run whose size is not known in advance: a simulation, whose {@code done} then
     * counts token steps. Runs that know their size (a sweep's runs) give the total in the same unit as done.
     */
    long UNKNOWN = -1;

    /** Ignores every update. */
    ProgressListener NONE = (label, done, total) -> { };

    /**
     * @param label what is running, e.g. {@code "group 2 of 3"} or {@code "sweep"}
     * @param done  units done so far (token steps when the total is {@link #UNKNOWN}; else e.g. runs)
     * @param total units in all, or {@link #UNKNOWN}
     */
    void update(String label, long done, long total);
}
