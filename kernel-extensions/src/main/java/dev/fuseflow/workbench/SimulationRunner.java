package dev.fuseflow.workbench;

import dev.fuseflow.compiler.CompiledProgram;
import dev.fuseflow.compiler.run.ProgramRunner;
import dev.fuseflow.compiler.run.RunResult;
import dev.fuseflow.diagnostics.UserError;
import dev.fuseflow.simulator.engine.SimulationCancelledException;
import dev.fuseflow.simulator.engine.EngineOptions;
import dev.fuseflow.simulator.engine.Simulator;
import dev.fuseflow.simulator.engine.TimingProfile;
import dev.fuseflow.simulator.memory.MemorySpec;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Runs {@code simulate}: resolves model and dataset, compiles, simulates, verifies, builds the report. */
final class SimulationRunner {
    private SimulationRunner() {
    }

    static CommandOutput run(SimulateCommand command, BooleanSupplier cancelled) {
        EngineOptions options = engineOptions(command.timing, command.fifo, command.memory);
        if (command.decoders != null) {
            throw UserError.of("--decoders applies to zoo:gpt3-bigbird only");
        }
        if (command.json && command.csv) {
            throw UserError.of("--json and --csv exclude each other; choose one");
        }
        ResolvedModel.Bound bound = ResolvedModel.forSimulation(command.program, command.data);
        CompiledProgram compiled = bound.resolved().compile(command.program.order);
        RunResult result;
        try {
            result = new ProgramRunner(new Simulator(options)).run(compiled, bound.inputs(), cancelled);
        } catch (SimulationCancelledException e) {
            throw new CancelledException("the simulation of " + command.program.model);
        }
        SimulationReport report = new SimulationReport(command.program.model, bound.datasetSpec(), compiled, result,
                options.timing().toString(), options.memory().toString());
        String text = command.json ? report.json() : command.csv ? report.csv()
                : warningLines(bound.resolved().warnings) + report.text();
        if (command.output != null) {
            OutputFiles.writeNew(command.output, command.csv ? report.csv() : report.json());
        }
        return report.output(text);
    }

    /** Warnings about how the model was read, one line each, before the text report. */
    static String warningLines(List<String> warnings) {
        StringBuilder out = new StringBuilder();
        warnings.forEach(w -> out.append("warning: ").append(w).append('\n'));
        return out.toString();
    }

    /** {@code --timing}, {@code --fifo} and {@code --memory} as engine options; a bad value is a user error. */
    static EngineOptions engineOptions(String timing, Integer fifo, String memory) {
        TimingProfile profile;
        try {
            profile = TimingProfile.parse(timing);
        } catch (IllegalArgumentException e) {
            throw UserError.of("timing profile '" + timing + "' is unknown", TimingProfile.ACCEPTED);
        }
        if (fifo != null && profile != TimingProfile.BOUNDED) {
            throw UserError.of("--fifo applies to --timing bounded only (the comal profile has unbounded FIFOs)");
        }
        if (fifo != null && fifo < EngineOptions.MIN_FIFO_DEPTH) {
            throw UserError.of("--fifo must be an integer of at least " + EngineOptions.MIN_FIFO_DEPTH + ", not " + fifo);
        }
        MemorySpec spec;
        try {
            spec = MemorySpec.parse(memory);
        } catch (IllegalArgumentException e) {
            throw UserError.of(e.getMessage());
        }
        int depth = fifo == null ? EngineOptions.DEFAULT_FIFO_DEPTH : fifo;
        return EngineOptions.DEFAULT.withTiming(profile, depth).withMemory(spec);
    }
}
