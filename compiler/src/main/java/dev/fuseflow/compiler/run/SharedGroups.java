package dev.fuseflow.compiler.run;

import dev.fuseflow.compiler.CompiledGroup;
import dev.fuseflow.compiler.ir.Program;
import dev.fuseflow.simulator.engine.SimulationResult;
import java.util.function.Supplier;

/**
 * Where a {@link ProgramRunner} may take the simulation of a group that reads only the program's inputs from
 * elsewhere: the same graph on the same inputs under the same options gives the same result, so runs that share
 * such a group (GPT-3's tail in the partial preset and as the last decoder of the full one) can simulate it once.
 * The result must keep its outputs, which later groups read.
 */
@FunctionalInterface
public interface SharedGroups {
    /** Every group simulated where it is asked for. */
    SharedGroups NONE = (program, group, simulate) -> simulate.get();

    /** The simulation of {@code group} of {@code program}: {@code simulate}'s, or an equal one made before. */
    SimulationResult simulate(Program program, CompiledGroup group, Supplier<SimulationResult> simulate);
}
