package dev.fuseflow.compiler.run;

import dev.fuseflow.simulator.engine.SimulationResult;

/** One fusion group's simulation within a program run. */
public record GroupResult(int group, String order, SimulationResult simulation) {
}
