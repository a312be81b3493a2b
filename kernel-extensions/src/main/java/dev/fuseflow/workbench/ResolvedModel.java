package dev.fuseflow.workbench;

import dev.fuseflow.compiler.CompiledProgram;
import dev.fuseflow.compiler.Compiler;
import dev.fuseflow.compiler.ir.Program;
import dev.fuseflow.compiler.ir.TensorDecl;
import dev.fuseflow.compiler.schedule.Parallelization;
import dev.fuseflow.compiler.schedule.Schedule;
import dev.fuseflow.compiler.zoo.Zoo;
import dev.fuseflow.compiler.zoo.ZooModel;
import dev.fuseflow.datasets.Dataset;
import dev.fuseflow.datasets.DenseMatrix;
import dev.fuseflow.datasets.SparseMatrix;
import dev.fuseflow.diagnostics.UserError;
import dev.fuseflow.simulator.tensor.FiberTensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model resolved from the command line and bound to a dataset: the program (with {@code --mode-order}
 * applied), its schedule, and the input tensors in their declared formats. Shared by compile and simulate.
 */
final class ResolvedModel {
    final ZooModel model;
    final Program program;
    final String fusion;
    final Schedule schedule;
    final Parallelization parallelization;

    private ResolvedModel(ZooModel model, Program program, String fusion, Schedule schedule,
            Parallelization parallelization) {
        this.model = model;
        this.program = program;
        this.fusion = fusion;
        this.schedule = schedule;
        this.parallelization = parallelization;
    }

    static ResolvedModel resolve(ZooModel model, ProgramOptions options, Map<String, Integer> dims) {
        Program program = model.program(dims);
        for (String modeOrder : options.modeOrders) {
            program = withModeOrder(program, modeOrder);
        }
        Map<String, Schedule> presets = model.presets(program);
        Schedule schedule;
        if (presets.containsKey(options.fusion)) {
            schedule = presets.get(options.fusion);
        } else if (options.fusion.startsWith("groups=")) {
            schedule = Schedule.parse(options.fusion, program.assignments().size());
        } else {
            List<String> accepted = new ArrayList<>(presets.keySet());
            accepted.add("groups=0-1,2");
            throw UserError.of("fusion '" + options.fusion + "' is not defined for " + options.model, accepted);
        }
        rejectUnsupported(options);
        return new ResolvedModel(model, program, options.fusion, schedule, Parallelization.parse(options.par));
    }

    static ZooModel zooModel(String spec) {
        if (spec.startsWith("zoo:")) {
            return Zoo.model(spec.substring(4));
        }
        throw UserError.of("model '" + spec + "' is not available in this build; MLIR files and einsum programs "
                + "arrive with the front ends", Zoo.names());
    }

    private static void rejectUnsupported(ProgramOptions options) {
        if (!options.values.equals("scalar")) {
            throw UserError.of("--values " + options.values + " is not available yet", List.of("scalar"));
        }
        if (options.block != null) {
            throw UserError.of("--block needs --values block-timing or true-block, which are not available yet");
        }
    }

    private static Program withModeOrder(Program program, String spec) {
        int eq = spec.indexOf('=');
        String tensor = eq < 0 ? spec : spec.substring(0, eq);
        TensorDecl decl = program.tensor(tensor);
        if (eq < 0 || decl == null) {
            throw UserError.of("--mode-order '" + spec + "' does not name a tensor as T=1,0",
                    new ArrayList<>(program.tensors().keySet()));
        }
        List<Integer> order = new ArrayList<>();
        try {
            for (String word : spec.substring(eq + 1).split(",")) {
                order.add(Integer.parseInt(word.trim()));
            }
        } catch (NumberFormatException e) {
            order.clear();
        }
        if (!new java.util.TreeSet<>(order).equals(new java.util.TreeSet<>(decl.modeOrder())) || order.size() != decl.rank()) {
            throw UserError.of("--mode-order " + spec + " is not a permutation of 0.." + (decl.rank() - 1));
        }
        return program.withTensor(decl.withModeOrder(order));
    }

    CompiledProgram compile(String orderSpec) {
        return Compiler.compile(program, fusion, schedule, orderSpec, parallelization);
    }

    /** The dimensions a dataset gives a model: rows and columns of its matrix, its feature count. */
    static Map<String, Integer> dimensions(ZooModel model, Dataset dataset) {
        Map<String, Integer> dims = new LinkedHashMap<>();
        SparseMatrix matrix = dataset.matrix().orElseThrow(() -> UserError.of("dataset '" + dataset.spec()
                + "' has no sparse matrix, which " + model.name() + " needs"));
        dims.put("rows", matrix.rowCount());
        dims.put("cols", matrix.colCount());
        dataset.features().ifPresent(f -> dims.put("features", f.colCount()));
        for (String needed : model.dimensions()) {
            if (!dims.containsKey(needed)) {
                throw UserError.of("dataset '" + dataset.spec() + "' does not give the dimension '" + needed + "' that zoo:"
                        + model.name() + " needs");
            }
        }
        return dims;
    }

    /** The input tensors, built from the dataset parts the model binds them to. */
    Map<String, FiberTensor> bind(Dataset dataset) {
        Map<String, FiberTensor> inputs = new LinkedHashMap<>();
        for (String name : program.inputs()) {
            TensorDecl decl = program.tensor(name);
            String part = model.dataBinding().get(name);
            if ("matrix".equals(part)) {
                SparseMatrix m = dataset.matrix().orElseThrow();
                inputs.put(name, FiberTensor.fromCoo(name, decl.shapeArray(), decl.formats(), decl.modeOrderArray(),
                        m.coordinates(), m.values()));
            } else if ("features".equals(part)) {
                DenseMatrix f = dataset.features().orElseThrow();
                inputs.put(name, FiberTensor.fromDense(name, decl.shapeArray(), decl.formats(), decl.modeOrderArray(),
                        f.values()));
            } else {
                throw new IllegalStateException("zoo:" + model.name() + " binds input " + name + " to nothing");
            }
        }
        return inputs;
    }
}
