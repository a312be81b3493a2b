package dev.fuseflow.compiler;

import dev.fuseflow.compiler.ir.Program;
import dev.fuseflow.compiler.schedule.Schedule;
import java.util.List;

/** A program lowered under a schedule: one SAM graph per fusion group, run in order. */
public record CompiledProgram(Program program, String fusion, Schedule schedule, List<CompiledGroup> groups) {
}
