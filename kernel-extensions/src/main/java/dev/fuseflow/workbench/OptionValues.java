package dev.fuseflow.workbench;

import dev.fuseflow.compiler.zoo.Zoo;
import dev.fuseflow.datasets.DatasetRegistry;
import dev.fuseflow.simulator.engine.TimingProfile;
import dev.fuseflow.simulator.engine.ValueMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The words an option's value (or a command's positional parameter) can start with, for tab completion in
 * the notebook: model names, dataset names, fusion presets, profiles. Free-form values (numbers, paths) have
 * none. The lists come from the registries the commands themselves check against.
 */
public final class OptionValues {

    private OptionValues() {
    }

    /** Completions for the value of {@code option} (a long name such as {@code --model}); empty if free-form. */
    public static List<String> of(String option) {
        return switch (option) {
            case "--model" -> models();
            case "--dataset" -> datasets();
            case "--fusion" -> List.of("unfused", "partial", "full", "files", "groups=");
            case "--order" -> List.of("auto", "first", "#0");
            case "--timing" -> TimingProfile.ACCEPTED;
            case "--memory" -> List.of("none", "comal-hbm", "bandwidth", "bandwidth:bytes_per_cycle=32,latency=20");
            case "--values" -> ValueMode.ACCEPTED;
            case "--block" -> SimulationRunner.BLOCK_SIZES.stream().map(String::valueOf).toList();
            case "--emit" -> CompilationRunner.FORMS;
            case "--format" -> List.of("svg", "dot", "png");
            default -> List.of();
        };
    }

    /** Completions for the positional parameters of {@code command} (e.g. {@code datasets NAME}). */
    public static List<String> positional(String command) {
        return command.equals("datasets") ? registeredDatasets() : List.of();
    }

    /** {@code zoo:} names and the prefix of inline einsum programs. */
    static List<String> models() {
        List<String> models = new ArrayList<>(Zoo.names());
        models.add("einsum:");
        return models;
    }

    /** Registered dataset names, then the generated kinds with their parameters to fill in. */
    static List<String> datasets() {
        List<String> names = new ArrayList<>(registeredDatasets());
        names.add("bigbird:block=16");
        names.add("synthetic:rows=1000,cols=1000,density=0.01,features=16,seed=1");
        names.add(GeneratedDataset.NAME);
        names.add(GeneratedDataset.NAME + ":density=0.1,seed=1");
        return names;
    }

    private static List<String> registeredDatasets() {
        return DatasetRegistry.NAMES.stream().filter(name -> !name.equals("synthetic")).toList();
    }
}
