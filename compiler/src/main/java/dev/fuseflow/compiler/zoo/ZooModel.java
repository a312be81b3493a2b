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
}
