package dev.fuseflow.compiler.zoo;

import dev.fuseflow.diagnostics.UserError;
import java.util.List;

/** The registry of zoo models, looked up by the name after {@code zoo:}. */
public final class Zoo {
    private static final List<ZooModel> MODELS = List.of(
            new SpmmModel(),
            new GcnModel(),
            new GraphSageModel(),
            new SaeModel(),
            new Gpt3BigBirdModel());

    private Zoo() {
    }

    public static List<String> names() {
        return MODELS.stream().map(m -> "zoo:" + m.name()).toList();
    }

    public static ZooModel model(String name) {
        for (ZooModel model : MODELS) {
            if (model.name().equals(name)) {
                return model;
            }
        }
        throw UserError.unknown("model", "zoo:" + name, names());
    }
}
