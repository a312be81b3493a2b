package dev.fuseflow.compiler.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuseflow.compiler.CompiledProgram;
import dev.fuseflow.compiler.Compiler;
import dev.fuseflow.compiler.ir.Program;
import dev.fuseflow.compiler.run.ProgramRunner;
import dev.fuseflow.compiler.run.RunResult;
import dev.fuseflow.compiler.schedule.Parallelization;
import dev.fuseflow.compiler.schedule.Schedule;
import dev.fuseflow.simulator.engine.EngineOptions;
import dev.fuseflow.simulator.engine.Simulator;
import dev.fuseflow.simulator.tensor.FiberTensor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The GNN and autoencoder models of the zoo: correct under every preset, and grouped as the paper groups them. */
class ZooModelsTest {
    private static final Map<String, Integer> GRAPH = Map.of("nodes", 10, "features", 5, "classes", 3);
    private static final Map<String, Integer> AUTOENCODER = Map.of("batch", 4, "d", 12, "h", 6);

    private static Stream<Arguments> modelsAndPresets() {
        List<Arguments> cases = new ArrayList<>();
        for (ZooModel model : List.of(new GcnModel(), new GraphSageModel(), new SaeModel())) {
            for (String preset : List.of("unfused", "partial", "full")) {
                for (long seed : new long[] {1, 2}) {
                    // at adjacency density 0.1 some of the 10 nodes have no neighbour (an empty row)
                    for (double density : new double[] {0.3, 0.1}) {
                        cases.add(Arguments.of(model.name(), preset, seed, density));
                    }
                }
            }
        }
        return cases.stream();
    }

    private static Map<String, Integer> dims(ZooModel model) {
        return model instanceof SaeModel ? AUTOENCODER : GRAPH;
    }

    private static RunResult run(ZooModel model, Program program, String preset, Map<String, FiberTensor> inputs) {
        Schedule schedule = model.presets(program).get(preset);
        CompiledProgram compiled = Compiler.compile(program, preset, schedule, "auto", Parallelization.NONE);
        return new ProgramRunner(new Simulator(EngineOptions.DEFAULT)).run(compiled, inputs, () -> false);
    }

    @ParameterizedTest(name = "zoo:{0} {1} seed {2} adjacency density {3}")
    @MethodSource("modelsAndPresets")
    void everyPresetVerifiesAgainstTheReference(String name, String preset, long seed, double adjacencyDensity) {
        ZooModel model = Zoo.model(name);
        Program program = model.program(dims(model));
        Map<String, FiberTensor> inputs = DeclaredInputs.of(model, program, adjacencyDensity, seed);
        RunResult result = run(model, program, preset, inputs);
        assertTrue(result.verified(), name + " " + preset + ": " + result.verifications());
        assertEquals(model.presets(program).get(preset).groups().size(), result.groups().size());
    }


    /** The groups of each preset as sets of the paper's step numbers (paper-results.md §2.1.1). */
    private static List<List<Integer>> paperGroups(ZooModel model, Schedule schedule) {
        List<List<Integer>> groups = new ArrayList<>();
        for (List<Integer> group : schedule.groups()) {
            groups.add(List.copyOf(new TreeSet<>(group.stream().map(model::paperStep).toList())));
        }
        return groups;
    }

    private static List<List<Integer>> each(int steps) {
        List<List<Integer>> groups = new ArrayList<>();
        for (int s = 1; s <= steps; s++) {
            groups.add(List.of(s));
        }
        return groups;
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> steps = new ArrayList<>();
        for (int s = from; s <= to; s++) {
            steps.add(s);
        }
        return steps;
    }

    @Test
    void presetsAreThePapersGroups() {
        ZooModel gcn = new GcnModel();
        Program gcnProgram = gcn.program(GRAPH);
        assertEquals(11, gcnProgram.assignments().size(), "steps 1-7 and the four assignments of the softmax");
        Map<String, Schedule> gcnPresets = gcn.presets(gcnProgram);
        assertEquals(List.of("unfused", "partial", "full"), List.copyOf(gcnPresets.keySet()));
        assertEquals("groups=0,1,2,3,4,5,6,7-10", gcnPresets.get("unfused").toString());
        assertEquals("groups=0-3,4-10", gcnPresets.get("partial").toString());
        assertEquals("groups=0-10", gcnPresets.get("full").toString());
        assertEquals(each(8), paperGroups(gcn, gcnPresets.get("unfused")));
        assertEquals(List.of(range(1, 4), range(5, 8)), paperGroups(gcn, gcnPresets.get("partial")));
        assertEquals(List.of(range(1, 8)), paperGroups(gcn, gcnPresets.get("full")));

        ZooModel sage = new GraphSageModel();
        Program sageProgram = sage.program(GRAPH);
        assertEquals(14, sageProgram.assignments().size());
        Map<String, Schedule> sagePresets = sage.presets(sageProgram);
        assertEquals(each(14), paperGroups(sage, sagePresets.get("unfused")));
        assertEquals(List.of(range(1, 7), range(8, 14)), paperGroups(sage, sagePresets.get("partial")));
        assertEquals(List.of(range(1, 14)), paperGroups(sage, sagePresets.get("full")));

        ZooModel sae = new SaeModel();
        Program saeProgram = sae.program(AUTOENCODER);
        assertEquals(5, saeProgram.assignments().size());
        Map<String, Schedule> saePresets = sae.presets(saeProgram);
        assertEquals(each(5), paperGroups(sae, saePresets.get("unfused")));
        assertEquals(List.of(range(1, 3), range(4, 5)), paperGroups(sae, saePresets.get("partial")));
        assertEquals(List.of(range(1, 5)), paperGroups(sae, saePresets.get("full")));
    }

    @Test
    void layerBoundariesFallWhereThePaperPutsThem() {
        // the first group of each partial preset ends with the hidden activation the second layer reads
        Program gcn = new GcnModel().program(GRAPH);
        assertEquals("Hd(i,h) = relu(T3(i,h))", gcn.assignments().get(3).toString());
        assertEquals("P(i,c) = E(i,c) / s(i)", gcn.assignments().get(10).toString());
        Program sage = new GraphSageModel().program(GRAPH);
        assertEquals("Hd(i,h) = relu(U1(i,h))", sage.assignments().get(6).toString());
        assertEquals("Y(i,c) = relu(U2(i,c))", sage.assignments().get(13).toString());
        Program sae = new SaeModel().program(AUTOENCODER);
        assertEquals("Hr(b,h) = relu(E2(b,h))", sae.assignments().get(2).toString());
        assertEquals("Y(b,j) = Y1(b,j) + bd(j)", sae.assignments().get(4).toString());
    }

    @Test
    void everyInputHasASourceAndShapesFollowTheDimensions() {
        for (ZooModel model : List.of(new GcnModel(), new GraphSageModel(), new SaeModel())) {
            Program program = model.program(dims(model));
            assertEquals(new HashSet<>(program.inputs()), model.inputs().keySet(), model.name());
            for (String name : program.inputs()) {
                assertTrue(dims(model).values().containsAll(program.tensor(name).shape())
                        || program.tensor(name).shape().contains(GcnModel.HIDDEN), name);
            }
        }
        assertEquals(List.of(10, 10), new GcnModel().program(GRAPH).tensor("A").shape());
        assertEquals(List.of(5, 16), new GraphSageModel().program(GRAPH).tensor("Wn1").shape());
        assertEquals(List.of(6), new SaeModel().program(AUTOENCODER).tensor("be").shape());
        assertEquals(new InputSource.Part("enc_bias"), new SaeModel().inputs().get("be"));
        assertEquals(new InputSource.Part("adjacency"), new GcnModel().inputs().get("A"));
        InputSource.Weights w1 = (InputSource.Weights) new GcnModel().inputs().get("W1");
        assertEquals(0.4, w1.density(), 1e-12, "60 % sparse weights (ARCHITECTURE.md §3.5)");
        assertTrue(Zoo.names().containsAll(List.of("zoo:gcn", "zoo:graphsage", "zoo:sae")));
    }

    @Test
    void cardListsNumberedAssignmentsWithPaperStepsAndPresets() {
        ZooModel gcn = new GcnModel();
        String card = gcn.card(gcn.program(GRAPH));
        assertTrue(card.startsWith("zoo:gcn\n"), card);
        assertTrue(card.contains(" 0: T1(i,f) = sum_j(A(i,j) * X(j,f))   [paper #1]"), card);
        assertTrue(card.contains(" 9: s(i) = sum_c(E(i,c))   [paper #8]"), card);
        assertTrue(card.contains("partial  groups=0-3,4-10"), card);
    }

    @Test
    void fullyFusedGcnRecomputesTheFirstLayerPerNeighbour() {
        ZooModel gcn = new GcnModel();
        Program program = gcn.program(Map.of("nodes", 24, "features", 8, "classes", 3));
        Map<String, FiberTensor> inputs = DeclaredInputs.of(gcn, program, 0.15, 3);
        RunResult unfused = run(gcn, program, "unfused", inputs);
        RunResult partial = run(gcn, program, "partial", inputs);
        RunResult full = run(gcn, program, "full", inputs);
        for (RunResult result : List.of(unfused, partial, full)) {
            assertTrue(result.verified(), result.verifications().toString());
        }
        long partialFlops = partial.total().flops();
        assertTrue(full.total().flops() > 2 * partialFlops,
                "full " + full.total().flops() + " vs partial " + partialFlops);
        // per-layer fusion keeps the work of the unfused chain (Fig 14: L1+L2 fused ≈ unfused FLOPs)
        assertTrue(Math.abs(partialFlops - unfused.total().flops()) <= 0.05 * unfused.total().flops(),
                "partial " + partialFlops + " vs unfused " + unfused.total().flops());
    }

    /**
     * MAG is the one directed graph: a node whose only neighbours have no neighbours of their own has an empty
     * row after the second aggregation, where §3.0 stores no class scores (the bias follows the rows that exist).
     * The fused presets drop that row before repeating the bias, so every preset stores what the unfused one
     * does.
     */
    @Test
    void gcnOnADirectedGraphStoresTheSameRowsUnderEveryPreset() {
        ZooModel gcn = new GcnModel();
        Program program = gcn.program(Map.of("nodes", 30, "features", 6, "classes", 4));
        int seedsWithEmptiedRows = 0;
        for (long seed = 1; seed <= 6; seed++) {
            Map<String, FiberTensor> inputs = new java.util.HashMap<>(DeclaredInputs.of(gcn, program, 0.15, seed));
            inputs.put("A", directedOnes(dev.fuseflow.compiler.run.GeneratedInputs.random(program.tensor("A"), 0.05,
                    seed), program));
            RunResult unfused = run(gcn, program, "unfused", inputs);
            for (String preset : List.of("unfused", "partial", "full")) {
                RunResult result = preset.equals("unfused") ? unfused : run(gcn, program, preset, inputs);
                assertTrue(result.verified(), preset + " seed " + seed + ": " + result.verifications());
            }
            // rows of A that have an entry but no row of P: emptied by the second aggregation
            java.util.Set<Integer> adjacencyRows = new HashSet<>();
            inputs.get("A").forEachStored((c, v) -> adjacencyRows.add(c[0]));
            java.util.Set<Integer> scoredRows = new HashSet<>();
            unfused.groups().get(unfused.groups().size() - 1).simulation().outputs().get("P")
                    .forEachStored((c, v) -> scoredRows.add(c[0]));
            adjacencyRows.removeAll(scoredRows);
            seedsWithEmptiedRows += adjacencyRows.isEmpty() ? 0 : 1;
        }
        assertTrue(seedsWithEmptiedRows >= 2, "the directed graphs must empty some rows: " + seedsWithEmptiedRows);
    }

    private static FiberTensor directedOnes(FiberTensor pattern, Program program) {
        List<int[]> coords = new ArrayList<>();
        pattern.forEachStored((c, v) -> coords.add(c.clone()));
        float[] ones = new float[coords.size()];
        java.util.Arrays.fill(ones, 1f);
        var decl = program.tensor("A");
        return FiberTensor.fromCoo("A", decl.shapeArray(), decl.formats(), decl.modeOrderArray(),
                coords.toArray(int[][]::new), ones);
    }
}
