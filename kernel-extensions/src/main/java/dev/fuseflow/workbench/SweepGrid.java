package dev.fuseflow.workbench;

import dev.fuseflow.compiler.Compiler;
import dev.fuseflow.compiler.fusion.FusedGroup;
import dev.fuseflow.compiler.fusion.Lowering;
import dev.fuseflow.compiler.ir.Program;
import dev.fuseflow.compiler.schedule.DataflowOrder;
import dev.fuseflow.compiler.schedule.Parallelization;
import dev.fuseflow.compiler.schedule.Schedule;
import dev.fuseflow.datasets.Dataset;
import dev.fuseflow.datasets.DatasetRegistry;
import dev.fuseflow.diagnostics.UserError;
import dev.fuseflow.simulator.engine.EngineOptions;
import dev.fuseflow.simulator.engine.TimingProfile;
import dev.fuseflow.simulator.engine.ValueMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The grid of a sweep: model × dataset × fusion × order × parallelization × value mode and block × timing ×
 * memory, in that nesting (the last varies fastest), which is the order of the rows.
 *
 * <p>{@link #parse} checks every option value on its own, so a value that is wrong everywhere (an unknown
 * model, dataset, timing profile or fusion name, a malformed order or parallelization) is a one-sentence
 * {@link UserError} before anything runs. {@link #expand} then builds the configurations; a combination that
 * cannot run (a model that does not fit a dataset, a fusion preset one model lacks, an order not valid for a
 * group, block values with a memory model) becomes a configuration with an error, shown as a row.
 */
final class SweepGrid {
    static final String PRESETS = "presets";
    static final String ALL_PARTITIONS = "all-partitions";
    static final String ALL_ORDERS = "all";

    private final List<String> models;
    private final List<String> datasets;
    private final Map<String, Dataset> resolvedDatasets;
    /** Registered datasets too large for the heap, never generated: each pair with them is an error row. */
    private final Map<String, UserError> refusedDatasets;
    private final List<String> fusions;
    private final List<String> orders;
    private final List<String> pars;
    private final List<ValueChoice> valueChoices;
    private final List<Profile> profiles;
    private final List<String> modeOrders;
    private final double scale;
    private final long seed;
    private final int maxConfigs;
    private final Integer decoders;

    /** A value mode with its block size (null for scalar). */
    record ValueChoice(String values, Integer block) {
    }

    /** A timing profile with its FIFO depth (bounded only) and a memory model, checked as engine options. */
    record Profile(String timing, Integer fifo, String memory, EngineOptions options) {
    }

    private SweepGrid(List<String> models, List<String> datasets, Map<String, Dataset> resolvedDatasets,
            Map<String, UserError> refusedDatasets, List<String> fusions, List<String> orders, List<String> pars, List<ValueChoice> valueChoices,
            List<Profile> profiles, List<String> modeOrders, double scale, long seed, int maxConfigs, Integer decoders) {
        this.models = models;
        this.datasets = datasets;
        this.resolvedDatasets = resolvedDatasets;
        this.refusedDatasets = refusedDatasets;
        this.fusions = fusions;
        this.orders = orders;
        this.pars = pars;
        this.valueChoices = valueChoices;
        this.profiles = profiles;
        this.modeOrders = modeOrders;
        this.scale = scale;
        this.seed = seed;
        this.maxConfigs = maxConfigs;
        this.decoders = decoders;
    }

    /**
     * Checks every option value and resolves the datasets (each once, for every model).
     *
     * @param defaultFusion the fusion list when {@code --fusion} is absent
     * @param budget        the heap a registered dataset must fit before it is generated
     */
    static SweepGrid parse(SweepOptions o, String defaultFusion, MemoryBudget budget) {
        if (o.maxConfigs < 1) {
            throw UserError.of("--max-configs must be at least 1, not " + o.maxConfigs);
        }
        List<String> models = distinct(ListOption.models(o.models), "--model");
        for (String model : models) {
            checkModel(model, o.modeOrders);
        }
        List<String> fusions = distinct(ListOption.fusions(o.fusions.isEmpty() ? List.of(defaultFusion) : o.fusions),
                "--fusion");
        checkFusions(fusions);
        List<String> orders = distinct(ListOption.orders(o.orders.isEmpty() ? List.of("auto") : o.orders), "--order");
        orders.forEach(SweepGrid::checkOrder);
        List<String> pars = new ArrayList<>();
        for (String par : distinct(ListOption.plain(o.pars.isEmpty() ? List.of("none") : o.pars), "--par")) {
            pars.add(par.equals("none") ? Parallelization.NONE.toString()
                    : Parallelization.parse(par.replace('+', ',')).toString());
        }
        List<ValueChoice> values = valueChoices(o);
        List<Profile> profiles = profiles(o);
        Map<String, Dataset> resolved = new LinkedHashMap<>();
        Map<String, UserError> refused = new LinkedHashMap<>();
        List<String> datasets = distinct(ListOption.specs(o.datasets), "--dataset");
        for (String dataset : datasets) {
            if (GeneratedDataset.names(dataset)) {
                GeneratedDataset.parse(dataset, o.seed); // checks its parameters; the data depends on the model
                if (!(o.scale > 0 && o.scale <= 1)) {
                    throw UserError.of("scale " + o.scale + " is outside 0 < S <= 1");
                }
            } else {
                try {
                    ResolvedModel.requireDatasetFits(dataset, o.scale, o.seed, budget);
                } catch (UserError e) {
                    refused.put(dataset, e);
                    continue;
                }
                resolved.put(dataset, DatasetRegistry.resolve(dataset, o.scale, o.seed));
            }
        }
        if (o.decoders != null && !models.contains(ComposedDecoders.MODEL)) {
            throw UserError.of("--decoders applies to " + ComposedDecoders.MODEL + " only, which this sweep does not run");
        }
        if (o.decoders != null && o.decoders < 1) {
            throw UserError.of("--decoders must be at least 1, not " + o.decoders);
        }
        return new SweepGrid(models, datasets, resolved, refused, fusions, orders, pars, values, profiles,
                List.copyOf(o.modeOrders), o.scale, o.seed, o.maxConfigs, o.decoders);
    }

    private static List<String> distinct(List<String> items, String option) {
        if (items.isEmpty()) {
            throw UserError.of(option + " needs at least one value");
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String item : items) {
            if (!seen.add(item)) {
                throw UserError.of(option + " lists '" + item + "' twice");
            }
        }
        return List.copyOf(seen);
    }

    /**
     * An unknown zoo model, or an MLIR or einsum program that is missing or does not parse, is wrong for every
     * dataset. Reading a program at its declared shapes checks it (the sweep reads it again per dataset).
     */
    private static void checkModel(String model, List<String> modeOrders) {
        if (!ResolvedModel.isSource(model)) {
            ResolvedModel.zooModel(model);
            return;
        }
        ResolvedModel.forCompile(sourceOptions(model, modeOrders), null, null);
    }

    /** Program options for reading a model under its unfused preset (the sweep sets the rest per point). */
    private static ProgramOptions sourceOptions(String model, List<String> modeOrders) {
        ProgramOptions options = new ProgramOptions();
        options.model = model;
        options.fusion = "unfused";
        options.order = "auto";
        options.values = "scalar";
        options.modeOrders = new ArrayList<>(modeOrders);
        return options;
    }

    /** Fusion words: presets, all-partitions, groups=a-b,c, or a name (checked against the presets in expand). */
    private static void checkFusions(List<String> fusions) {
        for (String fusion : fusions) {
            if (fusion.startsWith("groups=") && !fusion.matches("groups=\\d+(-\\d+)?(,\\d+(-\\d+)?)*")) {
                throw UserError.of("fusion '" + fusion + "' is not a list of assignment ranges",
                        List.of("groups=0-1,2"));
            }
        }
    }

    /**
     * A fusion name no model of the sweep defines is a typo, not a combination that cannot run: a user error
     * naming the presets there are (decided once some model was bound, since presets come with the program).
     */
    private void checkFusionNames(Set<String> presetsSeen, boolean anyBound) {
        if (!anyBound) {
            return;
        }
        for (String fusion : fusions) {
            if (!fusion.equals(PRESETS) && !fusion.equals(ALL_PARTITIONS) && !fusion.startsWith("groups=")
                    && !presetsSeen.contains(fusion)) {
                List<String> accepted = new ArrayList<>(presetsSeen);
                accepted.addAll(List.of(PRESETS, ALL_PARTITIONS, "groups=0-1,2"));
                throw UserError.of("fusion '" + fusion + "' is not a preset of any model in the sweep", accepted);
            }
        }
    }

    private static void checkOrder(String order) {
        if (order.equals(ALL_ORDERS) || order.equals("auto")) {
            return;
        }
        for (String part : order.split(",")) {
            String word = part.contains(":") ? part.substring(part.indexOf(':') + 1) : part;
            if (word.startsWith("#") && !word.matches("#[1-9]\\d*")) {
                throw UserError.of("order '" + order + "' has '" + word + "', which is not #k with k >= 1",
                        List.of("auto", "ikj", "#2", "g0:ikj,g1:auto", ALL_ORDERS));
            }
            if (word.isBlank() || part.contains(":") && !part.matches("g\\d+:.*")) {
                throw UserError.of("order '" + order + "' is not an order word",
                        List.of("auto", "ikj", "#2", "g0:ikj,g1:auto", ALL_ORDERS));
            }
        }
    }

    /** {@code --values} and {@code --block}: scalar rows have no block, block rows one per block size. */
    private static List<ValueChoice> valueChoices(SweepOptions o) {
        List<Integer> blocks = new ArrayList<>();
        List<String> blockWords = o.blocks.isEmpty() ? List.of() : distinct(ListOption.plain(o.blocks), "--block");
        for (String word : blockWords) {
            try {
                blocks.add(Integer.parseInt(word));
            } catch (NumberFormatException e) {
                throw UserError.of("--block " + word + " is not a block size", SimulationRunner.BLOCK_SIZES.stream()
                        .map(String::valueOf).toList());
            }
        }
        List<String> modes = o.values.isEmpty() ? List.of(blocks.isEmpty() ? "scalar" : "block-timing")
                : distinct(ListOption.plain(o.values), "--values");
        List<ValueChoice> choices = new ArrayList<>();
        boolean blockModes = false;
        for (String values : modes) {
            ValueMode mode = SimulationRunner.valueMode(values, blocks.isEmpty() || isScalar(values) ? null
                    : blocks.get(0));
            if (mode == ValueMode.SCALAR) {
                choices.add(new ValueChoice(mode.toString(), null));
                continue;
            }
            blockModes = true;
            for (Integer block : blocks) {
                SimulationRunner.valueMode(values, block);
                choices.add(new ValueChoice(mode.toString(), block));
            }
        }
        if (!blocks.isEmpty() && !blockModes) {
            throw UserError.of("--block applies to --values block-timing only; add it to --values");
        }
        return choices;
    }

    private static boolean isScalar(String values) {
        try {
            return ValueMode.parse(values) == ValueMode.SCALAR;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** {@code --timing} × {@code --memory}, each pair checked as engine options; --fifo goes to bounded rows. */
    private static List<Profile> profiles(SweepOptions o) {
        List<String> timings = distinct(ListOption.plain(o.timings.isEmpty() ? List.of("comal") : o.timings),
                "--timing");
        List<String> memories = distinct(ListOption.specs(o.memories.isEmpty() ? List.of("none") : o.memories),
                "--memory");
        boolean bounded = false;
        List<Profile> profiles = new ArrayList<>();
        for (String timing : timings) {
            boolean isBounded = SimulationRunner.engineOptions(timing, null, "none").timing() == TimingProfile.BOUNDED;
            bounded |= isBounded;
            Integer fifo = isBounded ? o.fifo : null;
            for (String memory : memories) {
                EngineOptions options = SimulationRunner.engineOptions(timing, fifo, memory);
                profiles.add(new Profile(options.timing().toString(), isBounded ? options.fifoDepth() : null,
                        options.memory().toString(), options));
            }
        }
        if (o.fifo != null && !bounded) {
            throw UserError.of("--fifo applies to --timing bounded only (the comal profile has unbounded FIFOs)");
        }
        return profiles;
    }

    /**
     * The configurations in grid order. Orders of {@code --order all} and partitions of {@code all-partitions}
     * are enumerated as the grid reaches them, and the grid stops with a user error as soon as it outgrows
     * {@code --max-configs}.
     */
    List<SweepPoint> expand(BooleanSupplier cancelled) {
        List<SweepPoint> points = new ArrayList<>();
        Set<String> presetsSeen = new LinkedHashSet<>();
        boolean anyBound = false;
        for (String model : models) {
            for (String dataset : datasets) {
                if (cancelled.getAsBoolean()) {
                    throw new CancelledException("the sweep");
                }
                Map<String, Object> pair = new LinkedHashMap<>();
                pair.put("model", model);
                pair.put("dataset", dataset);
                ResolvedModel.Bound bound;
                try {
                    bound = bind(model, dataset);
                } catch (UserError e) {
                    add(points, SweepPoint.failed(pair, e.getMessage()));
                    continue;
                }
                anyBound = true;
                presetsSeen.addAll(bound.resolved().presets.keySet());
                String identity = datasetIdentity(dataset);
                for (String fusion : fusions) {
                    for (FusionChoice choice : fusionChoices(bound.resolved(), model, fusion)) {
                        Map<String, Object> at = new LinkedHashMap<>(pair);
                        at.put("fusion", choice.label());
                        if (choice.error() != null) {
                            add(points, SweepPoint.failed(at, choice.error()));
                            continue;
                        }
                        at.put("schedule", choice.schedule().toString());
                        expandOrders(points, at, bound, choice, identity);
                    }
                }
            }
        }
        checkFusionNames(presetsSeen, anyBound);
        return points;
    }

    private void expandOrders(List<SweepPoint> points, Map<String, Object> at, ResolvedModel.Bound bound,
            FusionChoice choice, String identity) {
        for (String order : orders) {
            List<String> specs;
            if (order.equals(ALL_ORDERS)) {
                try {
                    specs = allOrders(bound.resolved().program, choice.schedule());
                } catch (UserError e) {
                    Map<String, Object> here = new LinkedHashMap<>(at);
                    here.put("order", order);
                    add(points, SweepPoint.failed(here, e.getMessage()));
                    continue;
                }
            } else {
                specs = List.of(order);
            }
            for (String spec : specs) {
                for (String par : pars) {
                    ResolvedModel resolved = bound.resolved().with(choice.label(), choice.schedule(),
                            par.equals(Parallelization.NONE.toString()) ? Parallelization.NONE : Parallelization.parse(par));
                    for (ValueChoice value : valueChoices) {
                        if (pairedWithAnotherBlock(bound, value)) {
                            continue;
                        }
                        for (Profile profile : profiles) {
                            Map<String, Object> here = new LinkedHashMap<>(at);
                            here.put("order", spec);
                            here.put("par", par);
                            here.put("values", value.values());
                            here.put("block", value.block());
                            here.put("timing", profile.timing());
                            here.put("fifo", profile.fifo());
                            here.put("memory", profile.memory());
                            Integer composed = at.get("model").equals(ComposedDecoders.MODEL) ? decoders : null;
                            here.put("decoders", composed);
                            EngineOptions options;
                            try {
                                options = SimulationRunner.withValues(profile.options(), value.values(), value.block());
                            } catch (UserError e) {
                                add(points, SweepPoint.failed(here, e.getMessage()));
                                continue;
                            }
                            add(points, SweepPoint.runnable(here, bound.with(resolved), spec, options, composed,
                                    identity));
                        }
                    }
                }
            }
        }
    }

    /**
     * Whether a block-timing choice is left out for this dataset because another {@code --block} of the list is the
     * mask's own (GPT-3 runs its attention on the mask's blocks, {@link BlockTimedAttention}): {@code --dataset
     * bigbird:block=16,bigbird:block=64 --block 16,64} pairs them instead of adding two rows that cannot run. With
     * no matching block the choice stays, as a row saying what is wrong.
     */
    private boolean pairedWithAnotherBlock(ResolvedModel.Bound bound, ValueChoice value) {
        if (value.block() == null || !ValueMode.BLOCK_TIMING.toString().equals(value.values())) {
            return false;
        }
        Optional<Integer> mask = BlockTimedAttention.maskBlock(bound);
        return mask.isPresent() && !mask.get().equals(value.block()) && valueChoices.stream()
                .anyMatch(other -> other.values().equals(value.values()) && mask.get().equals(other.block()));
    }

    private void add(List<SweepPoint> points, SweepPoint point) {
        if (points.size() >= maxConfigs) {
            throw UserError.of("the sweep has more than " + maxConfigs + " configurations (--max-configs); "
                    + "narrow its lists or raise --max-configs");
        }
        points.add(point);
    }

    /** The model on the dataset, with {@code --mode-order}; a mismatch is this pair's error row. */
    private ResolvedModel.Bound bind(String model, String dataset) {
        UserError refused = refusedDatasets.get(dataset);
        if (refused != null) {
            throw refused;
        }
        ProgramOptions options = sourceOptions(model, modeOrders);
        if (ResolvedModel.isMlir(model) && !GeneratedDataset.names(dataset)) {
            return ResolvedModel.forMlirDataset(options, resolvedDatasets.get(dataset), seed);
        }
        if (ResolvedModel.isSource(model)) {
            return ResolvedModel.forGenerated(options, dataset, scale, seed);
        }
        if (GeneratedDataset.names(dataset)) {
            throw UserError.of("dataset '" + dataset + "' makes data for MLIR and einsum programs; " + model
                    + " takes a registered or synthetic dataset");
        }
        return ResolvedModel.forDataset(options, resolvedDatasets.get(dataset), seed);
    }

    /** What the data of a dataset item depends on, beyond its spec: the generator version or the file's state. */
    private String datasetIdentity(String dataset) {
        StringBuilder identity = new StringBuilder(dataset).append(" scale=").append(scale).append(" seed=").append(seed);
        if (DatasetRegistry.entry(dataset.contains(":") ? dataset.substring(0, dataset.indexOf(':')) : dataset)
                .isPresent()) {
            identity.append(" plan=").append(DatasetRegistry.plan(dataset, scale, seed).cacheKey());
        }
        Path file = existingFile(dataset);
        if (file != null) {
            try {
                identity.append(" file=").append(file.toAbsolutePath()).append(':').append(Files.size(file))
                        .append(':').append(Files.getLastModifiedTime(file).toMillis());
            } catch (IOException e) {
                identity.append(" file=").append(file.toAbsolutePath()).append(":unreadable");
            }
        }
        return identity.toString();
    }

    private static Path existingFile(String spec) {
        for (String candidate : List.of(spec, spec.contains(":") ? spec.substring(0, spec.lastIndexOf(':')) : spec)) {
            try {
                Path path = Path.of(candidate);
                if (Files.exists(path)) {
                    return path;
                }
            } catch (java.nio.file.InvalidPathException e) {
                // not a path
            }
        }
        return null;
    }

    /** A fusion of one model: its label (preset name where the schedule is a preset) and schedule, or an error. */
    record FusionChoice(String label, Schedule schedule, String error) {
    }

    private List<FusionChoice> fusionChoices(ResolvedModel resolved, String model, String fusion) {
        int n = resolved.program.assignments().size();
        List<FusionChoice> choices = new ArrayList<>();
        if (fusion.equals(PRESETS)) {
            resolved.presets.forEach((name, schedule) -> choices.add(new FusionChoice(name, schedule, null)));
        } else if (fusion.equals(ALL_PARTITIONS)) {
            if (n - 1 >= 31 || 1L << (n - 1) > maxConfigs) {
                throw UserError.of("--fusion all-partitions gives 2^" + (n - 1) + " partitions of the " + n
                        + " assignments of " + model + ", more than --max-configs " + maxConfigs
                        + " allows; list the fusions you want, or raise --max-configs");
            }
            for (Schedule schedule : Schedule.contiguousPartitions(n)) {
                choices.add(new FusionChoice(label(resolved, schedule), schedule, null));
            }
        } else if (fusion.startsWith("groups=")) {
            try {
                Schedule schedule = Schedule.parse(fusion, n);
                choices.add(new FusionChoice(label(resolved, schedule), schedule, null));
            } catch (UserError e) {
                choices.add(new FusionChoice(fusion, null, e.getMessage()));
            }
        } else if (resolved.presets.containsKey(fusion)) {
            choices.add(new FusionChoice(fusion, resolved.presets.get(fusion), null));
        } else {
            List<String> accepted = new ArrayList<>(resolved.presets.keySet());
            accepted.add("groups=0-1,2");
            choices.add(new FusionChoice(fusion, null, UserError.of("fusion '" + fusion + "' is not defined for "
                    + model, accepted).getMessage()));
        }
        return choices;
    }

    /** The preset's name when a schedule equals one (so unfused baselines are found), else its groups= text. */
    private static String label(ResolvedModel resolved, Schedule schedule) {
        List<String> matches = new ArrayList<>();
        resolved.presets.forEach((name, preset) -> {
            if (preset.equals(schedule)) {
                matches.add(name);
            }
        });
        // an MLIR file's one group is both "files" and "full"; the common names read better in a table
        for (String common : List.of("unfused", "full")) {
            if (matches.contains(common)) {
                return common;
            }
        }
        return matches.isEmpty() ? schedule.toString() : matches.get(0);
    }

    /**
     * Every valid order of every group, as order words: the order's letters for one group, {@code g0:..,g1:..}
     * for several (by number where a group's variables have longer names, whose orders contain commas).
     */
    private List<String> allOrders(Program program, Schedule schedule) {
        List<List<DataflowOrder>> perGroup = new ArrayList<>();
        long product = 1;
        for (List<Integer> members : schedule.groups()) {
            List<DataflowOrder> valid = Lowering.validOrders(program, FusedGroup.of(program, members),
                    Math.min(Compiler.ORDER_LIMIT, maxConfigs + 1));
            if (valid.isEmpty()) {
                throw UserError.of("group of assignments " + members + " has no valid dataflow order");
            }
            perGroup.add(valid);
            product = Math.multiplyExact(product, valid.size());
            if (product > maxConfigs) {
                throw UserError.of("--order all gives more than " + maxConfigs + " order combinations for "
                        + schedule + " (--max-configs); name the orders, or raise --max-configs");
            }
        }
        List<String> specs = new ArrayList<>();
        int[] index = new int[perGroup.size()];
        while (true) {
            specs.add(orderWord(perGroup, index));
            int g = index.length - 1;
            while (g >= 0 && ++index[g] == perGroup.get(g).size()) {
                index[g] = 0;
                g--;
            }
            if (g < 0) {
                return specs;
            }
        }
    }

    private static String orderWord(List<List<DataflowOrder>> perGroup, int[] index) {
        if (perGroup.size() == 1) {
            return perGroup.get(0).get(index[0]).name();
        }
        StringBuilder word = new StringBuilder();
        for (int g = 0; g < perGroup.size(); g++) {
            String name = perGroup.get(g).get(index[g]).name();
            word.append(g == 0 ? "" : ",").append('g').append(g).append(':')
                    .append(name.contains(",") ? "#" + (index[g] + 1) : name);
        }
        return word.toString();
    }
}
