package dev.fuseflow.compiler.zoo;

import dev.fuseflow.compiler.frontend.einsum.EinsumParser;
import dev.fuseflow.compiler.ir.Program;
import dev.fuseflow.compiler.schedule.Schedule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code zoo:sae}: the paper's sparse autoencoder, {@code relu(X·We + be)·Wd + bd} on a batch of flattened
 * images (paper-results.md §2.1 SAE, §2.1.1 steps 1–5). Every 2-D tensor is (compressed, compressed) and the
 * biases are dense vectors, as in the artifact's MLIR; the batch, the weights and the biases are the
 * autoencoder dataset's parts, so the weights' 90 % sparsity and value recipe are the dataset's.
 */
public final class SaeModel implements ZooModel {
    private static final int ASSIGNMENTS = 5;

    @Override
    public String name() {
        return "sae";
    }

    @Override
    public List<String> dimensions() {
        return List.of("batch", "d", "h");
    }

    @Override
    public Program program(Map<String, Integer> dims) {
        int batch = dims.get("batch");
        int d = dims.get("d");
        int h = dims.get("h");
        // single-letter variables, distinct per role, so that orders can be named by letters (--order bkh)
        String text = """
                X: (compressed, compressed) [%1$d, %2$d]
                We: (compressed, compressed) [%2$d, %3$d]
                be: (dense) [%3$d]
                Wd: (compressed, compressed) [%3$d, %2$d]
                bd: (dense) [%2$d]
                E1: (compressed, compressed) [%1$d, %3$d]
                E2: (compressed, compressed) [%1$d, %3$d]
                Hr: (compressed, compressed) [%1$d, %3$d]
                Y1: (compressed, compressed) [%1$d, %2$d]
                Y: (compressed, compressed) [%1$d, %2$d]
                E1(b,h) = X(b,k) * We(k,h)
                E2(b,h) = E1(b,h) + be(h)
                Hr(b,h) = relu(E2(b,h))
                Y1(b,j) = Hr(b,h) * Wd(h,j)
                Y(b,j) = Y1(b,j) + bd(j)
                """.formatted(batch, d, h);
        return EinsumParser.parse(text, "zoo:sae", "sae");
    }

    @Override
    public Map<String, Schedule> presets(Program program) {
        Map<String, Schedule> presets = new LinkedHashMap<>();
        presets.put("unfused", Schedule.unfused(ASSIGNMENTS));
        presets.put("partial", Schedule.parse("groups=0-2,3-4", ASSIGNMENTS));
        presets.put("full", Schedule.full(ASSIGNMENTS));
        return presets;
    }

    @Override
    public Map<String, InputSource> inputs() {
        Map<String, InputSource> inputs = new LinkedHashMap<>();
        inputs.put("X", new InputSource.Part("input"));
        inputs.put("We", new InputSource.Part("enc_weight"));
        inputs.put("be", new InputSource.Part("enc_bias"));
        inputs.put("Wd", new InputSource.Part("dec_weight"));
        inputs.put("bd", new InputSource.Part("dec_bias"));
        return inputs;
    }
}
