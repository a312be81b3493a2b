package dev.fuseflow.workbench;

import dev.fuseflow.compiler.CompiledProgram;
import dev.fuseflow.compiler.Compiler;
import dev.fuseflow.compiler.ir.Access;
import dev.fuseflow.compiler.ir.Assignment;
import dev.fuseflow.compiler.ir.IndexVar;
import dev.fuseflow.compiler.ir.Product;
import dev.fuseflow.compiler.ir.Program;
import dev.fuseflow.compiler.ir.TensorDecl;
import dev.fuseflow.compiler.schedule.Schedule;
import dev.fuseflow.compiler.zoo.Zoo;
import dev.fuseflow.compiler.zoo.ZooModel;
import dev.fuseflow.datasets.Dataset;
import dev.fuseflow.datasets.DatasetRegistry;
import dev.fuseflow.diagnostics.UserError;
import dev.fuseflow.simulator.engine.SimulationException;
import dev.fuseflow.simulator.engine.Simulator;
import dev.fuseflow.simulator.graph.SamGraph;
import dev.fuseflow.simulator.interop.ComalGraphReader;
import dev.fuseflow.simulator.interop.GeneratedInputs;
import dev.fuseflow.simulator.interop.ImportedComalGraph;
import dev.fuseflow.simulator.tensor.FiberTensor;
import dev.fuseflow.simulator.tensor.LevelFormat;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The fixed graph sets of {@code bench} (documented in docs/bench.md). Fixed seeds and sizes (the reference
 * graphs' sizes follow from a fixed rule), so numbers from different commits compare. The standard set is what the speed goal is measured on; the quick set
 * is the same kinds of graph, tiny, for tests.
 */
final class BenchSuite {
    /** Cora's sizes: 2708 nodes, 10556 edges, 1433 features. */
    static final String CORA_SIZED = "synthetic:rows=2708,cols=2708,density=" + (10556.0 / (2708.0 * 2708.0))
            + ",features=1433,seed=1";

    private BenchSuite() {
    }

    /** Token steps a reference graph's generated data is sized for (about 0.1 s per run). */
    static final long REFERENCE_TOKENS = 10_000_000L;

    /** The mode sizes tried for a reference graph's generated data, smallest first. */
    private static final int[] REFERENCE_SIZES = {4, 5, 6, 8, 10, 12, 16, 20, 24, 32, 40, 48, 64, 80, 96, 128, 160, 192, 256};

    static List<BenchCase> standard() {
        List<BenchCase> cases = new ArrayList<>(List.of(
                spmm("spmm-cora", CORA_SIZED,
                        "zoo:spmm (Y = A·X, order auto) on Cora-sized synthetic data: 2708x2708 A with 10556 nnz, 1433 dense features"),
                denseMatmul("matmul-dense-128", 128,
                        "Y = A·X with A and X dense 128x128 (128x128x128 multiply-accumulates), order ikj")));
        cases.addAll(referenceGraphs(referenceGraphFolder()));
        return cases;
    }

    /**
     * The original compiler's reference GCN graphs ({@code *gcn*.proto.txt}) that import, one case each (named
     * {@code ref-<file stem>}), on generated data sized by {@link #sizedFor}; none when the folder is absent.
     */
    static List<BenchCase> referenceGraphs(Path folder) {
        List<BenchCase> cases = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return cases;
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(".proto.txt")
                    && p.getFileName().toString().contains("gcn")).sorted().toList();
        } catch (IOException e) {
            throw UserError.of("cannot list the reference graphs in " + folder + ": " + e.getMessage());
        }
        for (Path file : files) {
            String stem = file.getFileName().toString().replaceFirst("\\.proto\\.txt$", "");
            ImportedComalGraph graph;
            try {
                graph = ComalGraphReader.read(file);
            } catch (UserError e) {
                continue; // e.g. a file without a graph: nothing to simulate
            }
            cases.add(new BenchCase("ref-" + stem, "the original compiler's " + stem
                    + " graph on generated data (every mode n, sized to about " + REFERENCE_TOKENS / 1_000_000
                    + " M token steps)", () -> sizedFor(graph, stem)));
        }
        return cases;
    }

    /** Why the reference graphs are not in the standard set, or empty when they are. */
    static Optional<String> referenceGraphsSkipped() {
        Path folder = referenceGraphFolder();
        return Files.isDirectory(folder) ? Optional.empty()
                : Optional.of("reference GCN graphs skipped: " + folder + " not found");
    }

    /**
     * The reference fixtures beside the repository ({@code ../shared/fixtures/reference-graphs}): the root is
     * {@code -Dfuseflow.repoRoot}, else the nearest folder holding {@code ./fuseflow} above the jar (or the
     * classes) this runs from, else above the working directory.
     */
    static Path referenceGraphFolder() {
        List<Path> starts = new ArrayList<>();
        String property = System.getProperty("fuseflow.repoRoot");
        if (property != null) {
            starts.add(Path.of(property));
        }
        try {
            starts.add(Path.of(BenchSuite.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // no code location: fall back to the working directory
        }
        starts.add(Path.of("").toAbsolutePath());
        for (Path start : starts) {
            for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
                if (Files.isRegularFile(dir.resolve("fuseflow")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                    return dir.resolve("../shared/fixtures/reference-graphs").normalize();
                }
            }
        }
        return Path.of("").toAbsolutePath().resolve("../shared/fixtures/reference-graphs").normalize();
    }

    /**
     * Generated inputs for a reference graph: the largest mode size n of {@link #REFERENCE_SIZES} whose run
     * takes at most {@link #REFERENCE_TOKENS} token steps (the smallest size when even that takes more). The
     * graphs nest from 2 to about 10 index variables, so one fixed n would give runs from microseconds to
     * hours. Sizes are tried upwards; a failing run ends the search once some size has run (before that the
     * next size is tried, and a graph that runs at no size fails the case); a size whose token count, extrapolated from the last two as a power
     * of n, would exceed the target is not run. Token counts are deterministic, so the choice is too.
     */
    static BenchCase.Input sizedFor(ImportedComalGraph graph, String stem) {
        Simulator simulator = new Simulator();
        BenchCase.Input chosen = null;
        int lastN = 0;
        long lastTokens = 0;
        double exponent = 0;
        SimulationException failure = null;
        for (int n : REFERENCE_SIZES) {
            if (chosen != null && exponent > 0
                    && lastTokens * Math.pow((double) n / lastN, exponent) > REFERENCE_TOKENS) {
                break;
            }
            Map<String, FiberTensor> inputs = GeneratedInputs.forGraph(graph, n, new Random(stem.hashCode()));
            SamGraph runnable = graph.graphFor(inputs);
            long tokens;
            try {
                tokens = simulator.simulate(runnable, inputs, () -> false).statistics().tokens();
            } catch (SimulationException e) {
                if (chosen != null) {
                    break; // keep the largest size that ran
                }
                failure = new SimulationException("on generated data with n=" + n + ": " + e.getMessage());
                continue; // tiny data can hit an edge case that larger data does not
            }
            if (chosen != null && tokens > REFERENCE_TOKENS) {
                break;
            }
            if (lastTokens > 0) {
                exponent = Math.log((double) tokens / lastTokens) / Math.log((double) n / lastN);
            }
            chosen = new BenchCase.Input(runnable, inputs, "generated, n=" + n + " per mode, seed "
                    + stem.hashCode());
            lastN = n;
            lastTokens = tokens;
        }
        if (chosen == null) {
            throw failure;
        }
        return chosen;
    }

    static List<BenchCase> quick() {
        return List.of(
                spmm("spmm-quick", "synthetic:rows=64,cols=64,density=0.05,features=8,seed=1", "zoo:spmm on 64x64 data"),
                denseMatmul("matmul-dense-8", 8, "dense 8x8x8 matmul"));
    }

    static BenchCase spmm(String name, String datasetSpec, String description) {
        return new BenchCase(name, description, () -> {
            ZooModel model = Zoo.model("spmm");
            Dataset dataset = DatasetRegistry.resolve(datasetSpec, 1.0, 1);
            ProgramOptions options = new ProgramOptions();
            options.model = "zoo:spmm";
            options.fusion = "unfused";
            options.order = "auto";
            options.values = "scalar";
            ResolvedModel resolved = ResolvedModel.resolve(model, options, ResolvedModel.dimensions(model, dataset));
            CompiledProgram compiled = resolved.compile(options.order);
            return new BenchCase.Input(compiled.groups().get(0).graph(), resolved.bind(resolved.program, dataset, 1), datasetSpec);
        });
    }

    /** Y(i,j) = sum_k A(i,k)·X(k,j) with every operand dense: every step of the iteration space is a token. */
    static BenchCase denseMatmul(String name, int n, String description) {
        return new BenchCase(name, description, () -> {
            List<LevelFormat> dense = List.of(LevelFormat.DENSE, LevelFormat.DENSE);
            Map<String, TensorDecl> tensors = new LinkedHashMap<>();
            tensors.put("A", TensorDecl.of("A", List.of(n, n), dense));
            tensors.put("X", TensorDecl.of("X", List.of(n, n), dense));
            tensors.put("Y", TensorDecl.of("Y", List.of(n, n), List.of(LevelFormat.COMPRESSED, LevelFormat.COMPRESSED)));
            IndexVar i = new IndexVar("i");
            IndexVar k = new IndexVar("k");
            IndexVar j = new IndexVar("j");
            Program program = new Program("matmul", tensors, List.of(new Assignment(new Access("Y", List.of(i, j)),
                    new Product(new Access("A", List.of(i, k)), new Access("X", List.of(k, j))))));
            CompiledProgram compiled = Compiler.compile(program, "unfused", Schedule.unfused(1), "ikj");
            Map<String, FiberTensor> inputs = new LinkedHashMap<>();
            SplittableRandom random = new SplittableRandom(7);
            for (String tensor : List.of("A", "X")) {
                float[] values = new float[n * n];
                for (int v = 0; v < values.length; v++) {
                    values[v] = (float) (random.nextDouble() * 2 - 1);
                }
                inputs.put(tensor, FiberTensor.fromDense(tensor, new int[] {n, n}, dense, FiberTensor.identityOrder(2),
                        values));
            }
            return new BenchCase.Input(compiled.groups().get(0).graph(), inputs, "dense " + n + "x" + n + ", seed 7");
        });
    }
}
