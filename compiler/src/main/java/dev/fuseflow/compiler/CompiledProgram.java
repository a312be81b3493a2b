package dev.fuseflow.compiler;

import dev.fuseflow.compiler.ir.Program;
import dev.fuseflow.compiler.schedule.Parallelization;
import dev.fuseflow.compiler.schedule.Schedule;
import dev.fuseflow.compiler.schedule.ScheduleText;
import java.util.List;
import java.util.stream.Collectors;

/** A program lowered under a schedule: one SAM graph per fusion group, run in order. */
public record CompiledProgram(Program program, String fusion, Schedule schedule, List<CompiledGroup> groups) {

    /**
     * The schedule as it was resolved, in its one-line text form: the fusion preset (or the groups), the
     * order each group got
     * (so {@code auto} is replaced by what the cost model chose) and the parallelization; compiling with it
     * gives the same graphs.
     */
    public ScheduleText resolved(Parallelization par) {
        String orders = groups.size() == 1 ? groups.get(0).order().name()
                : groups.stream().map(g -> "g" + g.index() + ":" + g.order().name()).collect(Collectors.joining(","));
        String groupsWord = fusion.startsWith("groups=") || fusion.isBlank() || fusion.contains(" ")
                ? schedule.toString() : fusion;
        return new ScheduleText(groupsWord, orders, par, null);
    }
}
