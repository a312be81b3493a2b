package dev.fuseflow.datasets;

import dev.fuseflow.datasets.autoencoder.AutoencoderEntry;
import dev.fuseflow.datasets.bigbird.BigBirdEntry;
import dev.fuseflow.datasets.cache.DatasetCache;
import dev.fuseflow.datasets.graph.GraphCatalog;
import dev.fuseflow.datasets.graph.GraphEntry;
import dev.fuseflow.datasets.graph.KarateClub;
import dev.fuseflow.datasets.io.FileDataset;
import dev.fuseflow.diagnostics.UserError;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves {@code --dataset} specs to datasets: a registered name ({@code name[:key=value,...]}, generated
 * through the cache), {@code synthetic:...}, or the path of a user's file ({@code PATH[:key=value,...]}).
 * Every problem is a {@link UserError} naming the word at fault and what is accepted.
 */
public final class DatasetRegistry {
    private static final Map<String, DatasetEntry> ENTRIES = entries();
    /** Dataset names this build can produce: the registered ones and {@code synthetic}. */
    public static final List<String> NAMES = names();
    private static final Set<String> SYNTHETIC_KEYS = Set.of("rows", "cols", "density", "features", "seed");

    private DatasetRegistry() {
    }

    private static Map<String, DatasetEntry> entries() {
        Map<String, DatasetEntry> entries = new LinkedHashMap<>();
        for (var profile : GraphCatalog.profiles()) {
            entries.put(profile.name(), new GraphEntry(profile));
        }
        entries.put("karate", new KarateClub());
        for (AutoencoderEntry entry : AutoencoderEntry.all()) {
            entries.put(entry.card().name(), entry);
        }
        entries.put("bigbird", new BigBirdEntry());
        return entries;
    }

    private static List<String> names() {
        List<String> names = new ArrayList<>(ENTRIES.keySet());
        names.add("synthetic");
        return List.copyOf(names);
    }

    /** The cards of every registered dataset, in registry order. */
    public static List<DatasetCard> cards() {
        return ENTRIES.values().stream().map(DatasetEntry::card).toList();
    }

    public static Optional<DatasetEntry> entry(String name) {
        return Optional.ofNullable(ENTRIES.get(name));
    }

    /** Resolves with the standard cache ({@link DatasetCache#standard()}). */
    public static Dataset resolve(String spec, double scale, long seed) {
        return resolve(spec, scale, seed, DatasetCache.standard());
    }

    /**
     * @param scale shrinks the dataset by its card's rule (0 &lt; scale ≤ 1)
     * @param seed  used unless the spec names its own seed
     */
    public static Dataset resolve(String spec, double scale, long seed, DatasetCache cache) {
        checkScale(scale);
        DatasetSpec parsed = DatasetSpec.parse(spec);
        if (ENTRIES.containsKey(parsed.name())) {
            GenerationPlan plan = ENTRIES.get(parsed.name()).plan(parsed, scale, seed);
            return new GeneratedDataset(plan, cache.loadOrGenerate(plan.cacheKey(), plan.estimatedBytes(), plan.generator()));
        }
        if (parsed.name().equals("synthetic")) {
            return synthetic(parsed, scale, seed);
        }
        Optional<Dataset> file = fromFile(spec, scale, seed);
        if (file.isPresent()) {
            return file.get();
        }
        if (FileDataset.looksLikeFile(spec)) {
            throw UserError.of("dataset file " + spec.replaceFirst(":[^:/\\\\]*=.*$", "") + " does not exist");
        }
        List<String> accepted = new ArrayList<>(ENTRIES.keySet());
        accepted.add("synthetic:rows=..,cols=..,density=..,features=..,seed=..");
        accepted.add("a path to a .mtx, .csv/.tsv/.txt/.edges/.el, .npy/.npz file or a Comal tensor directory");
        throw UserError.unknown("dataset", parsed.name(), accepted);
    }

    /** The plan of a registered dataset (sizes, memory estimate, cache key) without generating anything. */
    public static GenerationPlan plan(String spec, double scale, long seed) {
        checkScale(scale);
        DatasetSpec parsed = DatasetSpec.parse(spec);
        DatasetEntry entry = ENTRIES.get(parsed.name());
        if (entry == null) {
            throw UserError.of("'" + parsed.name() + "' is not a registered dataset", List.copyOf(ENTRIES.keySet()));
        }
        return entry.plan(parsed, scale, seed);
    }

    private static void checkScale(double scale) {
        if (!(scale > 0 && scale <= 1)) {
            throw UserError.of("scale " + scale + " is outside 0 < S <= 1");
        }
    }

    private static Optional<Dataset> fromFile(String spec, double scale, long seed) {
        Path path = existing(spec);
        DatasetSpec params = new DatasetSpec(spec, spec, Map.of());
        int colon = spec.lastIndexOf(':');
        if (path == null && colon > 0) {
            path = existing(spec.substring(0, colon));
            if (path != null) {
                params = new DatasetSpec(spec, spec.substring(0, colon), DatasetSpec.parseParams(spec.substring(colon + 1)));
            }
        }
        if (path == null) {
            return Optional.empty();
        }
        if (scale != 1) {
            throw UserError.of("--scale " + scale + " applies to registered and synthetic datasets; the file " + path
                    + " is used as it is (omit --scale)");
        }
        return Optional.of(FileDataset.load(spec, path, params, seed));
    }

    private static Path existing(String text) {
        try {
            Path path = Path.of(text);
            return Files.exists(path) ? path : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static Dataset synthetic(DatasetSpec spec, double scale, long seed) {
        spec.checkKeys(SYNTHETIC_KEYS);
        int fullRows = spec.positiveInt("rows", 1000);
        int rows = scaled(fullRows, scale);
        int cols = scaled(spec.positiveInt("cols", fullRows), scale);
        double density = spec.number("density", 0.01);
        if (!(density > 0 && density <= 1)) {
            throw UserError.of("density " + density + " of dataset 'synthetic' is outside 0 < density <= 1");
        }
        int features = spec.positiveInt("features", 16);
        long ownSeed = spec.has("seed") ? spec.positiveInt("seed", 1) : seed;
        return new SyntheticDataset(spec.text(), rows, cols, density, features, ownSeed);
    }

    private static int scaled(int n, double scale) {
        return Math.max(4, (int) Math.round(n * scale));
    }
}
