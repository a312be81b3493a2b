package dev.fuseflow.compiler;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuseflow.compiler.frontend.einsum.EinsumParser;
import dev.fuseflow.compiler.ir.Program;
import dev.fuseflow.compiler.run.GeneratedInputs;
import dev.fuseflow.compiler.run.ProgramRunner;
import dev.fuseflow.compiler.run.RunResult;
import dev.fuseflow.compiler.schedule.Parallelization;
import dev.fuseflow.compiler.schedule.Schedule;
import dev.fuseflow.simulator.engine.EngineOptions;
import dev.fuseflow.simulator.engine.Simulator;
import dev.fuseflow.simulator.tensor.FiberTensor;
import java.util.Map;

/** Compile, simulate and verify einsum programs in one call, for the compiler's tests. */
final class Harness {
    private Harness() {
    }

    static Program parse(String text) {
        return EinsumParser.parse(text, "test", "test");
    }

    static Map<String, FiberTensor> data(Program program, double density, long seed) {
        return GeneratedInputs.forProgram(program, density, seed);
    }

    static Schedule schedule(Program program, String fusion) {
        int n = program.assignments().size();
        return switch (fusion) {
            case "unfused" -> Schedule.unfused(n);
            case "full" -> Schedule.full(n);
            default -> Schedule.parse(fusion, n);
        };
    }

    static RunResult run(Program program, String fusion, String order, Map<String, FiberTensor> inputs,
            EngineOptions options) {
        return run(program, fusion, order, Parallelization.NONE, inputs, options);
    }

    static RunResult run(Program program, String fusion, String order, Parallelization par,
            Map<String, FiberTensor> inputs, EngineOptions options) {
        return run(program, fusion, order, par, inputs, options, () -> false);
    }

    /** With a cancel flag, e.g. a deadline, so a test reports a run that never ends instead of hanging. */
    static RunResult run(Program program, String fusion, String order, Parallelization par,
            Map<String, FiberTensor> inputs, EngineOptions options, java.util.function.BooleanSupplier cancelled) {
        CompiledProgram compiled = Compiler.compile(program, fusion, schedule(program, fusion), order, par);
        return new ProgramRunner(new Simulator(options)).run(compiled, inputs, cancelled);
    }

    /** Runs and asserts that every output verifies; returns the result for further checks. */
    static RunResult verified(Program program, String fusion, String order, Map<String, FiberTensor> inputs) {
        return verified(program, fusion, order, Parallelization.NONE, inputs);
    }

    static RunResult verified(Program program, String fusion, String order, Parallelization par,
            Map<String, FiberTensor> inputs) {
        RunResult result = run(program, fusion, order, par, inputs, EngineOptions.DEFAULT);
        assertTrue(result.verified(), program.name() + " " + fusion + " order " + order + " par " + par + ": "
                + result.verifications());
        return result;
    }
}
