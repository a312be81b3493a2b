package dev.fuseflow.workbench;

import dev.fuseflow.compiler.CompiledProgram;
import dev.fuseflow.compiler.run.ProgramRunner;
import dev.fuseflow.compiler.run.RunResult;
import dev.fuseflow.compiler.zoo.ZooModel;
import dev.fuseflow.datasets.Dataset;
import dev.fuseflow.datasets.DatasetRegistry;
import dev.fuseflow.diagnostics.UserError;
import dev.fuseflow.simulator.engine.SimulationCancelledException;
import dev.fuseflow.simulator.engine.Simulator;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Runs {@code simulate}: resolves model and dataset, compiles, simulates, verifies, builds the report. */
final class SimulationRunner {
    private SimulationRunner() {
    }

    static CommandOutput run(SimulateCommand command, BooleanSupplier cancelled) {
        if (!command.timing.equals("comal")) {
            throw UserError.of("timing profile '" + command.timing + "' is not available yet", List.of("comal"));
        }
        if (command.fifo != null) {
            throw UserError.of("--fifo applies to --timing bounded, which is not available yet");
        }
        if (!command.memory.equals("none")) {
            throw UserError.of("memory model '" + command.memory + "' is not available yet", List.of("none"));
        }
        if (command.decoders != null) {
            throw UserError.of("--decoders applies to zoo:gpt3-bigbird only");
        }
        if (command.json && command.csv) {
            throw UserError.of("--json and --csv exclude each other; choose one");
        }
        ZooModel model = ResolvedModel.zooModel(command.program.model);
        Dataset dataset = DatasetRegistry.resolve(command.data.dataset, command.data.scale, command.data.seed);
        ResolvedModel resolved = ResolvedModel.resolve(model, command.program, ResolvedModel.dimensions(model, dataset));
        CompiledProgram compiled = resolved.compile(command.program.order);
        RunResult result;
        try {
            result = new ProgramRunner(new Simulator()).run(compiled, resolved.bind(dataset), cancelled);
        } catch (SimulationCancelledException e) {
            throw new CancelledException("the simulation of " + command.program.model);
        }
        SimulationReport report = new SimulationReport(command.program.model, dataset.spec(), compiled, result,
                command.timing, command.memory);
        String text = command.json ? report.json() : command.csv ? report.csv() : report.text();
        if (command.output != null) {
            OutputFiles.writeNew(command.output, command.csv ? report.csv() : report.json());
        }
        return report.output(text);
    }
}
