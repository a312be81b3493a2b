package dev.fuseflow.workbench;

import dev.fuseflow.compiler.CompiledProgram;
import dev.fuseflow.compiler.Compiler;
import dev.fuseflow.compiler.cost.CostModel;
import dev.fuseflow.compiler.frontend.einsum.EinsumParser;
import dev.fuseflow.compiler.frontend.mlir.MlirModule;
import dev.fuseflow.compiler.frontend.mlir.MlirProgram;
import dev.fuseflow.compiler.frontend.mlir.MlirReader;
import dev.fuseflow.compiler.frontend.mlir.ShapeBinding;
import dev.fuseflow.compiler.ir.Program;
import dev.fuseflow.compiler.ir.TensorDecl;
import dev.fuseflow.compiler.run.GeneratedInputs;
import dev.fuseflow.compiler.schedule.Parallelization;
import dev.fuseflow.compiler.schedule.Schedule;
import dev.fuseflow.compiler.zoo.InputSource;
import dev.fuseflow.compiler.zoo.Zoo;
import dev.fuseflow.compiler.zoo.ZooModel;
import dev.fuseflow.datasets.DataPart;
import dev.fuseflow.datasets.Dataset;
import dev.fuseflow.datasets.DatasetRegistry;
import dev.fuseflow.datasets.DatasetSpec;
import dev.fuseflow.datasets.DenseMatrix;
import dev.fuseflow.datasets.SparseMatrix;
import dev.fuseflow.diagnostics.UserError;
import dev.fuseflow.simulator.tensor.FiberTensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A model resolved from the command line and bound to a dataset: the program (with {@code --mode-order}
 * applied), its schedule, and the input tensors in their declared formats. Shared by compile and simulate.
 * Models are zoo models ({@code zoo:spmm}), MLIR files ({@code gcn.mlir}, or split files chained as
 * {@code a.mlir,b.mlir}) or einsum programs ({@code layer.ein}, {@code einsum:'...'}); the latter two run on
 * {@code --dataset generated} (see {@link GeneratedDataset}).
 */
final class ResolvedModel {
    /** The zoo model, or null for a program read from MLIR files. */
    final ZooModel model;
    final Program program;
    final String fusion;
    final Schedule schedule;
    /** The named fusion presets the model offers, in the order they are listed. */
    final Map<String, Schedule> presets;
    final Parallelization parallelization;
    /** What reading the model changed or ignored (MLIR shapes rebound, dynamic sizes chosen, ...). */
    final List<String> warnings;

    private ResolvedModel(ZooModel model, Program program, String fusion, Schedule schedule,
            Map<String, Schedule> presets, Parallelization parallelization, List<String> warnings) {
        this.model = model;
        this.program = program;
        this.fusion = fusion;
        this.schedule = schedule;
        this.presets = Collections.unmodifiableMap(new LinkedHashMap<>(presets));
        this.parallelization = parallelization;
        this.warnings = List.copyOf(warnings);
    }

    /** The same program under another schedule and parallelization (a sweep's configurations share one program). */
    ResolvedModel with(String fusionName, Schedule newSchedule, Parallelization newParallelization) {
        return new ResolvedModel(model, program, fusionName, newSchedule, presets, newParallelization, warnings);
    }

    /**
     * A resolved model with the dataset spec its inputs come from. The input tensors are built on first use
     * and then kept, so a sweep whose results are all cached never builds them.
     */
    static final class Bound {
        private final ResolvedModel resolved;
        private final String datasetSpec;
        private final LazyInputs inputs;
        private final long dataBytes;
        /** The dataset and seed a zoo model's inputs come from, or null (generated data, MLIR bindings). */
        private final Dataset dataset;
        private final long seed;

        /** @param dataBytes the data the inputs are made from: the dataset's parts, or the generated entries */
        Bound(ResolvedModel resolved, String datasetSpec, Supplier<Map<String, FiberTensor>> binder, long dataBytes) {
            this(resolved, datasetSpec, new LazyInputs(binder), dataBytes, null, 0);
        }

        /** A zoo model bound to {@code dataset} with weights drawn from {@code seed}. */
        Bound(ResolvedModel resolved, Dataset dataset, long seed) {
            this(resolved, dataset.spec(), new LazyInputs(() -> resolved.bind(resolved.program, dataset, seed)),
                    partBytes(dataset), dataset, seed);
        }

        private Bound(ResolvedModel resolved, String datasetSpec, LazyInputs inputs, long dataBytes, Dataset dataset,
                long seed) {
            this.resolved = resolved;
            this.datasetSpec = datasetSpec;
            this.inputs = inputs;
            this.dataBytes = dataBytes;
            this.dataset = dataset;
            this.seed = seed;
        }

        /** The seed a zoo model's weights are drawn from. */
        long seed() {
            return seed;
        }

        /** The dataset a zoo model is bound to (empty for generated data and MLIR bindings). */
        Optional<Dataset> dataset() {
            return Optional.ofNullable(dataset);
        }

        /**
         * The inputs of {@code other}, another program of the same zoo model, from the same dataset and seed (a
         * weight or activation of the same name and shape is the same tensor).
         */
        Map<String, FiberTensor> inputsFor(Program other) {
            if (dataset == null) {
                throw new IllegalStateException("only a zoo model bound to a dataset binds another program");
            }
            return resolved.bind(other, dataset, seed);
        }

        /** What running this program on this data holds on the heap at its peak ({@link MemoryEstimate}). */
        MemoryEstimate estimate() {
            return MemoryEstimate.ofRun(resolved.program, dataBytes);
        }

        ResolvedModel resolved() {
            return resolved;
        }

        String datasetSpec() {
            return datasetSpec;
        }

        Map<String, FiberTensor> inputs() {
            return inputs.get();
        }

        /** Another schedule of the same program on the same data; the input tensors are shared, built once. */
        Bound with(ResolvedModel other) {
            return new Bound(other, datasetSpec, inputs, dataBytes, dataset, seed);
        }
    }

    /** Input tensors built on first use, by one thread, then shared read-only. */
    private static final class LazyInputs implements Supplier<Map<String, FiberTensor>> {
        private final Supplier<Map<String, FiberTensor>> binder;
        private Map<String, FiberTensor> inputs;

        LazyInputs(Supplier<Map<String, FiberTensor>> binder) {
            this.binder = binder;
        }

        @Override
        public synchronized Map<String, FiberTensor> get() {
            if (inputs == null) {
                inputs = Collections.unmodifiableMap(new LinkedHashMap<>(binder.get()));
            }
            return inputs;
        }
    }

    /**
     * Resolves {@code --model} and {@code --dataset} for a run: zoo models bind a dataset, MLIR models bind a
     * registered dataset ({@link MlirDatasetBinding}) or generate data, einsum programs generate data of
     * their declared shapes.
     */
    static Bound forSimulation(ProgramOptions options, DataOptions data) {
        return forSimulation(options, data, MemoryBudget.UNLIMITED);
    }

    /**
     * As {@link #forSimulation(ProgramOptions, DataOptions)}, refusing a run that would not fit {@code budget}:
     * a registered dataset is checked against its planned size before it is generated, and the whole run
     * ({@link MemoryEstimate}) before the input tensors are made.
     */
    static Bound forSimulation(ProgramOptions options, DataOptions data, MemoryBudget budget) {
        options.applySchedule();
        boolean mlirOnDataset = isMlir(options.model) && !GeneratedDataset.names(data.dataset);
        if (!mlirOnDataset && isSource(options.model)) {
            Bound bound = forGenerated(options, data.dataset, data.scale, data.seed);
            budget.require(bound.estimate(), data.scale);
            return bound;
        }
        if (!mlirOnDataset) {
            zooModel(options.model);
        }
        requireDatasetFits(data.dataset, data.scale, data.seed, budget);
        Dataset dataset = DatasetRegistry.resolve(data.dataset, data.scale, data.seed);
        Bound bound = mlirOnDataset ? forMlirDataset(options, dataset, data.seed)
                : forDataset(options, dataset, data.seed);
        budget.require(bound.estimate(), data.scale);
        return bound;
    }

    /**
     * Refuses a registered dataset whose planned size does not fit {@code budget}, before it is generated; other
     * datasets (files, synthetic ones) are checked with the whole run once they are read.
     */
    static void requireDatasetFits(String datasetSpec, double scale, long seed, MemoryBudget budget) {
        if (DatasetRegistry.entry(DatasetSpec.parse(datasetSpec).name()).isPresent()) {
            budget.require(MemoryEstimate.ofDataset(DatasetRegistry.plan(datasetSpec, scale, seed).estimatedBytes()),
                    scale);
        }
    }

    private static long partBytes(Dataset dataset) {
        return dataset.parts().values().stream().mapToLong(DataPart::bytes).sum();
    }

    /** The bytes of random inputs for a program's declared shapes: stored entries as a coordinate and a value. */
    private static long generatedInputBytes(Program program, double density) {
        long bytes = 0;
        for (String name : program.inputs()) {
            bytes += (long) Math.ceil(MemoryEstimate.cells(program.tensor(name)) * density) * 12;
        }
        return bytes;
    }

    /** An MLIR or einsum model on {@code generated} data of its declared shapes (any other dataset is a user error). */
    static Bound forGenerated(ProgramOptions options, String datasetSpec, double scale, long seed) {
        if (!GeneratedDataset.names(datasetSpec)) {
            throw UserError.of("dataset '" + datasetSpec + "' cannot feed the " + sourceKind(options.model)
                    + " model " + options.model + "; such models run on generated data of their declared shapes",
                    List.of("generated[:density=0.1,seed=1,dynamic=16,<tensor>.<dim>=N]"));
        }
        GeneratedDataset generated = GeneratedDataset.parse(datasetSpec, seed);
        ResolvedModel resolved = fromSource(options, generated.binding(scale));
        return new Bound(resolved, datasetSpec,
                () -> GeneratedInputs.forProgram(resolved.program, generated.density(), generated.seed()),
                generatedInputBytes(resolved.program, generated.density()));
    }

    /** An MLIR model bound to a registered dataset already resolved ({@link MlirDatasetBinding}). */
    static Bound forMlirDataset(ProgramOptions options, Dataset dataset, long seed) {
        MlirDatasetBinding.Plan plan = MlirDatasetBinding.plan(options.model, dataset, 1);
        ResolvedModel resolved = fromSource(options, plan.binding());
        return new Bound(resolved, dataset.spec(), () -> MlirDatasetBinding.inputs(resolved.program, plan, dataset, seed),
                partBytes(dataset));
    }

    /** A zoo model bound to a dataset already resolved (a sweep resolves each dataset once for all its models). */
    static Bound forDataset(ProgramOptions options, Dataset dataset, long seed) {
        ZooModel zoo = zooModel(options.model);
        ResolvedModel resolved = resolve(zoo, options, dimensions(zoo, dataset));
        return new Bound(resolved, dataset, seed);
    }

    /**
     * Resolves {@code --model} for compiling: a zoo model takes its dimensions from {@code datasetSpec} (or
     * {@code defaultDataset}); MLIR files keep their declared shapes unless a {@code generated} spec binds them.
     */
    static ResolvedModel forCompile(ProgramOptions options, String datasetSpec, String defaultDataset) {
        options.applySchedule();
        if (isMlir(options.model) && datasetSpec != null && !GeneratedDataset.names(datasetSpec)) {
            Dataset dataset = DatasetRegistry.resolve(datasetSpec, 1, 1);
            return fromSource(options, MlirDatasetBinding.plan(options.model, dataset, 1).binding());
        }
        if (isSource(options.model)) {
            if (datasetSpec != null && !GeneratedDataset.names(datasetSpec)) {
                throw UserError.of("dataset '" + datasetSpec + "' cannot bind the shapes of the "
                        + sourceKind(options.model) + " model " + options.model,
                        List.of("generated[:dynamic=16,<tensor>.<dim>=N]"));
            }
            GeneratedDataset generated = GeneratedDataset.parse(datasetSpec == null ? GeneratedDataset.NAME : datasetSpec, 1);
            return fromSource(options, generated.binding(1));
        }
        ZooModel zoo = zooModel(options.model);
        Dataset dataset = DatasetRegistry.resolve(datasetSpec == null ? defaultDataset : datasetSpec, 1, 1);
        return resolve(zoo, options, dimensions(zoo, dataset));
    }

    /** {@code file.mlir}, or several split files {@code a.mlir,b.mlir} to chain. */
    static boolean isMlir(String spec) {
        return List.of(spec.split(",")).stream().allMatch(f -> f.trim().endsWith(".mlir"));
    }

    /** {@code einsum:'<program text>'} or an einsum file ({@code .ein}, {@code .einsum}). */
    static boolean isEinsum(String spec) {
        return spec.startsWith(EINSUM_PREFIX) || spec.endsWith(".ein") || spec.endsWith(".einsum");
    }

    /** A program the user wrote (MLIR or einsum) rather than a zoo model. */
    static boolean isSource(String spec) {
        return isEinsum(spec) || isMlir(spec);
    }

    private static String sourceKind(String spec) {
        return isEinsum(spec) ? "einsum" : "MLIR";
    }

    private static final String EINSUM_PREFIX = "einsum:";

    /** A source program with its file-given groups (one per MLIR file) and how it was read. */
    private record SourceProgram(Program program, Schedule fileGroups, List<String> warnings) {
    }

    /** The files of {@code a.mlir[,b.mlir]}, read; a missing one is a user error. */
    static List<MlirModule> readModules(String spec) {
        List<MlirModule> modules = new ArrayList<>();
        for (String file : spec.split(",")) {
            Path path = Path.of(file.trim());
            if (!Files.isRegularFile(path)) {
                throw UserError.of("MLIR file '" + file.trim() + "' does not exist");
            }
            modules.add(MlirReader.read(path));
        }
        return modules;
    }

    private static SourceProgram readMlir(String spec, ShapeBinding binding) {
        MlirProgram read = MlirModule.chain(readModules(spec), binding);
        return new SourceProgram(read.program(), new Schedule(read.fileGroups()), read.warnings());
    }

    /** Einsum text declares its shapes; {@code --scale} shrinks each dimension as for MLIR static shapes. */
    private static SourceProgram readEinsum(String spec, ShapeBinding binding) {
        if (!binding.dims().isEmpty()) {
            throw UserError.of("an einsum model takes its shapes from its declarations; generated data cannot "
                    + "rebind " + String.join(", ", binding.dims().keySet()), List.of("generated:density=..,seed=.."));
        }
        Program program;
        if (spec.startsWith(EINSUM_PREFIX)) {
            String text = spec.substring(EINSUM_PREFIX.length()).replace(";", "\n");
            program = EinsumParser.parse(text, "<einsum>", "einsum");
        } else {
            Path path = Path.of(spec);
            if (!Files.isRegularFile(path)) {
                throw UserError.of("einsum file '" + spec + "' does not exist");
            }
            String text;
            try {
                text = Files.readString(path);
            } catch (java.io.IOException e) {
                throw UserError.of("einsum file '" + spec + "' cannot be read: " + e.getMessage());
            }
            String name = path.getFileName().toString().replaceFirst("\\.(ein|einsum)$", "");
            program = EinsumParser.parse(text, spec, name);
        }
        for (TensorDecl decl : List.copyOf(program.tensors().values())) {
            program = program.withTensor(decl.withShape(decl.shape().stream().map(binding::scaled).toList()));
        }
        return new SourceProgram(program, null, List.of());
    }

    private static ResolvedModel fromSource(ProgramOptions options, ShapeBinding binding) {
        SourceProgram read = isEinsum(options.model) ? readEinsum(options.model, binding)
                : readMlir(options.model, binding);
        Program program = read.program();
        for (String modeOrder : options.modeOrders) {
            program = withModeOrder(program, modeOrder);
        }
        int n = program.assignments().size();
        Map<String, Schedule> presets = new LinkedHashMap<>();
        presets.put("unfused", Schedule.unfused(n));
        if (read.fileGroups() != null) {
            presets.put("files", read.fileGroups());
        }
        presets.put("full", Schedule.full(n));
        Schedule schedule;
        if (presets.containsKey(options.fusion)) {
            schedule = presets.get(options.fusion);
        } else if (options.fusion.startsWith("groups=")) {
            schedule = Schedule.parse(options.fusion, n);
        } else {
            List<String> accepted = new ArrayList<>(presets.keySet());
            accepted.add("groups=0-1,2");
            throw UserError.of("fusion '" + options.fusion + "' is not defined for " + options.model
                    + (read.fileGroups() == null ? "" : " ('files' is one group per MLIR file, as the original runs them)"),
                    accepted);
        }
        rejectUnsupported(options);
        return new ResolvedModel(null, program, options.fusion, schedule, presets, Parallelization.parse(options.par),
                read.warnings());
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
        return new ResolvedModel(model, program, options.fusion, schedule, presets, Parallelization.parse(options.par),
                List.of());
    }

    static ZooModel zooModel(String spec) {
        if (spec.startsWith("zoo:")) {
            return Zoo.model(spec.substring(4));
        }
        List<String> accepted = new ArrayList<>(Zoo.names());
        accepted.add("FILE.mlir");
        accepted.add("A.mlir,B.mlir");
        accepted.add("FILE.ein");
        accepted.add("einsum:'<program; program>'");
        throw UserError.of("model '" + spec + "' is neither a zoo model nor an MLIR or einsum program", accepted);
    }

    private static void rejectUnsupported(ProgramOptions options) {
        SimulationRunner.valueMode(options.values, options.block);
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

    /** Compiles with {@code auto} orders chosen from the declared formats (no data at hand). */
    CompiledProgram compile(String orderSpec) {
        return Compiler.compile(program, fusion, schedule, orderSpec, parallelization);
    }

    /** Compiles the program blocked into b×b tiles, for true-block values. */
    CompiledProgram compileBlocked(String orderSpec, int blockSize) {
        return Compiler.compileBlocked(program, fusion, schedule, orderSpec, parallelization, blockSize);
    }

    /** Compiles with {@code auto} orders chosen by the cost model measured on the run's inputs. */
    CompiledProgram compile(String orderSpec, Map<String, FiberTensor> inputs) {
        return Compiler.compile(program, fusion, schedule, orderSpec, parallelization,
                CostModel.measured(program, inputs));
    }

    /** The dimensions a dataset gives a model (its {@code dimensions()}), checked against what the model needs. */
    static Map<String, Integer> dimensions(ZooModel model, Dataset dataset) {
        Map<String, Integer> dims = new LinkedHashMap<>(dataset.dimensions());
        for (String needed : model.dimensions()) {
            if (!dims.containsKey(needed)) {
                throw UserError.of("dataset '" + dataset.spec() + "' does not give the dimension '" + needed
                        + "' that zoo:" + model.name() + " needs (it gives " + String.join(", ", dims.keySet())
                        + ")");
            }
        }
        return dims;
    }

    /**
     * The input tensors: dataset parts in the tensor's formats and mode order (shapes must agree), and
     * seeded weights ({@code seed} and the tensor's name pick the stream).
     */
    Map<String, FiberTensor> bind(Program program, Dataset dataset, long seed) {
        Map<String, FiberTensor> inputs = new LinkedHashMap<>();
        Map<String, InputSource> sources = model.inputs(program);
        for (String name : program.inputs()) {
            TensorDecl decl = program.tensor(name);
            InputSource source = sources.get(name);
            if (source instanceof InputSource.Part part) {
                inputs.put(name, fromPart(dataset, decl, part.name()));
            } else if (source instanceof InputSource.Weights weights) {
                inputs.put(name, GeneratedInputs.random(decl, weights.density(), weights.scale(),
                        seed * 1_000_003L + name.hashCode()));
            } else {
                throw new IllegalStateException("zoo:" + model.name() + " gives input " + name + " no source");
            }
        }
        return inputs;
    }

    private FiberTensor fromPart(Dataset dataset, TensorDecl decl, String partName) {
        // "matrix" and "features" name the generic views every dataset kind offers (Dataset's class comment)
        Optional<? extends DataPart> found = switch (partName) {
            case "matrix" -> dataset.matrix();
            case "features" -> dataset.features();
            default -> dataset.part(partName);
        };
        DataPart part = found.orElseThrow(() -> UserError.of("dataset '" + dataset.spec()
                + "' has no part '" + partName + "', which zoo:" + model.name() + " reads into " + decl.name(),
                List.copyOf(dataset.parts().keySet())));
        int[] shape = decl.shapeArray();
        // a 1×n part (a bias row) feeds a vector of n entries
        boolean row = shape.length == 1 && part.rowCount() == 1 && shape[0] == part.colCount();
        if (!row && (shape.length != 2 || shape[0] != part.rowCount() || shape[1] != part.colCount())) {
            throw UserError.of("dataset part '" + partName + "' is " + part.rowCount() + "×" + part.colCount()
                    + " but zoo:" + model.name() + " declares " + decl.name() + " as "
                    + java.util.Arrays.toString(shape) + " (a 1×n part may also feed a vector [n])");
        }
        if (row) {
            return rowVector(decl, part);
        }
        if (part instanceof SparseMatrix m) {
            return FiberTensor.fromCoo(decl.name(), shape, decl.formats(), decl.modeOrderArray(), m.coordinates(),
                    m.values());
        }
        DenseMatrix f = (DenseMatrix) part;
        return FiberTensor.fromDense(decl.name(), shape, decl.formats(), decl.modeOrderArray(), f.values());
    }

    /** A 1×n part as a vector: a dense row keeps every value, a sparse one its stored entries. */
    private static FiberTensor rowVector(TensorDecl decl, DataPart part) {
        int[] shape = decl.shapeArray();
        if (part instanceof SparseMatrix m) {
            int[][] columns = new int[m.nnz()][];
            for (int e = 0; e < columns.length; e++) {
                columns[e] = new int[] {m.cols()[e]};
            }
            return FiberTensor.fromCoo(decl.name(), shape, decl.formats(), decl.modeOrderArray(), columns, m.values());
        }
        return FiberTensor.fromDense(decl.name(), shape, decl.formats(), decl.modeOrderArray(),
                ((DenseMatrix) part).values());
    }
}
