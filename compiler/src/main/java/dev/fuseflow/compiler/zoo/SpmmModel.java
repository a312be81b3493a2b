package dev.fuseflow.compiler.zoo;

import dev.fuseflow.compiler.ir.Access;
import dev.fuseflow.compiler.ir.Assignment;
import dev.fuseflow.compiler.ir.IndexVar;
import dev.fuseflow.compiler.ir.Product;
import dev.fuseflow.compiler.ir.Program;
import dev.fuseflow.compiler.ir.TensorDecl;
import dev.fuseflow.compiler.schedule.Schedule;
import dev.fuseflow.simulator.tensor.LevelFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code zoo:spmm}: {@code Y(i,j) = sum_k A(i,k) * X(k,j)} with A compressed/compressed (the dataset's
 * sparse matrix) and X dense (its features) — the aggregation step of a GNN layer. One assignment, so
 * {@code unfused} and {@code full} are the same single group; there is no {@code partial}.
 */
public final class SpmmModel implements ZooModel {

    @Override
    public String name() {
        return "spmm";
    }

    @Override
    public List<String> dimensions() {
        return List.of("rows", "cols", "features");
    }

    @Override
    public Program program(Map<String, Integer> dims) {
        int rows = dims.get("rows");
        int cols = dims.get("cols");
        int features = dims.get("features");
        Map<String, TensorDecl> tensors = new LinkedHashMap<>();
        tensors.put("A", TensorDecl.of("A", List.of(rows, cols), List.of(LevelFormat.COMPRESSED, LevelFormat.COMPRESSED)));
        tensors.put("X", TensorDecl.of("X", List.of(cols, features), List.of(LevelFormat.DENSE, LevelFormat.DENSE)));
        tensors.put("Y", TensorDecl.of("Y", List.of(rows, features), List.of(LevelFormat.COMPRESSED, LevelFormat.COMPRESSED)));
        IndexVar i = new IndexVar("i");
        IndexVar k = new IndexVar("k");
        IndexVar j = new IndexVar("j");
        Assignment spmm = new Assignment(new Access("Y", List.of(i, j)),
                new Product(new Access("A", List.of(i, k)), new Access("X", List.of(k, j))));
        return new Program("spmm", tensors, List.of(spmm));
    }

    @Override
    public Map<String, Schedule> presets(Program program) {
        Map<String, Schedule> presets = new LinkedHashMap<>();
        presets.put("unfused", Schedule.unfused(1));
        presets.put("full", Schedule.full(1));
        return presets;
    }

    @Override
    public Map<String, InputSource> inputs() {
        return Map.of("A", new InputSource.Part("matrix"), "X", new InputSource.Part("features"));
    }
}
