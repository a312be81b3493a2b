package dev.fuseflow.compiler.zoo;

import dev.fuseflow.compiler.ir.Program;
import dev.fuseflow.compiler.schedule.Schedule;
import java.util.List;
import java.util.Map;

/**
 * A model of the zoo: a program parameterised by dataset dimensions, its fusion presets, and which
 * dataset part feeds each input tensor.
 */
public interface ZooModel {

    /** The name after {@code zoo:}. */
    String name();

    /**
     * The dimension names the program takes from the dataset's {@code dimensions()} (e.g. rows, cols,
     * features; nodes, classes; batch, d, h; seq).
     */
    List<String> dimensions();

    Program program(Map<String, Integer> dims);

    /** Preset name → schedule, in the order unfused, partial, full where the model defines them. */
    Map<String, Schedule> presets(Program program);

    /**
     * As {@link #inputs()} for one program the model built, for models whose weight scales depend on their
     * dimensions (e.g. 1/√fan-in); the binding asks this one.
     */
    default Map<String, InputSource> inputs(Program program) {
        return inputs();
    }

    /** Input tensor → where its values come from: a dataset part or seeded weights. */
    Map<String, InputSource> inputs();

    /**
     * The number of the step that assignment {@code assignment} implements in the model's table in
     * paper-results.md §2.1.1; several assignments share a step where the paper counts one (a softmax).
     */
    default int paperStep(int assignment) {
        return assignment + 1;
    }

    /** The model's card: its numbered assignments (with their paper steps) and the groups of each preset. */
    default String card(Program program) {
        StringBuilder text = new StringBuilder("zoo:").append(name()).append('\n');
        for (int a = 0; a < program.assignments().size(); a++) {
            text.append(String.format("  %2d: %s   [paper #%d]%n", a, program.assignments().get(a), paperStep(a)));
        }
        presets(program).forEach((preset, schedule) -> text.append(String.format("  %-8s %s%n", preset, schedule)));
        return text.toString();
    }
}
