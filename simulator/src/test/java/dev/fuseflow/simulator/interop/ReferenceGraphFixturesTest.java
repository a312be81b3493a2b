package dev.fuseflow.simulator.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import dev.fuseflow.diagnostics.UserError;
import dev.fuseflow.simulator.engine.SimulationResult;
import dev.fuseflow.simulator.engine.Simulator;
import dev.fuseflow.simulator.graph.LocateOp;
import dev.fuseflow.simulator.graph.SamGraph;
import dev.fuseflow.simulator.graph.SamOp;
import dev.fuseflow.simulator.tensor.FiberTensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every reference graph of the original compiler: import it, run it on random inputs of the shapes and
 * formats its scans ask for, and, where its {@code stats.txt} expression is a plain sum of products, check
 * the output against a dense einsum. Graphs that need a primitive this branch lacks are skipped naming it.
 */
class ReferenceGraphFixturesTest {
    private static final Map<String, String> OUTCOME = new TreeMap<>();
    private static int imported;
    private static int simulated;
    private static int verified;

    @TestFactory
    Stream<DynamicTest> everyReferenceGraph() {
        List<Path> graphs = ReferenceGraphs.textGraphs();
        Map<String, String> expressions = expressions(ReferenceGraphs.folder().resolve("stats.txt"));
        return graphs.stream().map(p -> DynamicTest.dynamicTest(ReferenceGraphs.stem(p),
                () -> check(p, expressions.get(ReferenceGraphs.stem(p)))));
    }

    @AfterAll
    static void report() {
        System.out.println("reference graphs: " + OUTCOME.size() + " files, " + imported + " import, " + simulated
                + " simulate, " + verified + " verify against the dense einsum");
        OUTCOME.forEach((graph, outcome) -> System.out.println("  " + graph + ": " + outcome));
    }

    private void check(Path file, String expression) {
        String stem = ReferenceGraphs.stem(file);
        ImportedComalGraph graph;
        try {
            graph = ComalGraphReader.read(file);
        } catch (UserError e) {
            // Rejections must be one sentence naming the file, never a stack trace.
            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
            OUTCOME.put(stem, "rejected: " + e.getMessage());
            abort("import rejected: " + e.getMessage());
            return;
        }
        imported++;
        Random random = new Random(stem.hashCode());
        int n = 8 + random.nextInt(5);
        Map<String, FiberTensor> inputs = GeneratedInputs.forGraph(graph, n, random);
        SamGraph runnable = graph.graphFor(inputs);
        SimulationResult result;
        try {
            result = new Simulator().simulate(runnable, inputs, () -> false);
        } catch (IllegalStateException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("no primitive for ")) {
                String missing = e.getMessage().substring("no primitive for ".length());
                OUTCOME.put(stem, "imported; simulation skipped: primitive " + missing + " not on this branch");
                abort("primitive " + missing + " is not implemented on this branch yet");
            }
            throw e;
        }
        simulated++;
        assertEquals(graph.outputs().size(), result.outputs().size(), "outputs assembled");
        String skip = verificationGap(expression, graph);
        if (skip != null) {
            OUTCOME.put(stem, "simulated; not verified: " + skip);
            return;
        }
        DenseEinsum einsum = DenseEinsum.parse(expression);
        Map<String, double[]> dense = new LinkedHashMap<>();
        for (var entry : inputs.entrySet()) {
            dense.put(entry.getKey().replaceFirst("-[\\d,]*$", ""), entry.getValue().toDense());
        }
        double[][] expected = einsum.evaluate(dense, n);
        double[] got = result.outputs().values().iterator().next().toDense();
        for (int i = 0; i < got.length; i++) {
            double tolerance = 1e-4 * expected[1][i] + 1e-6;
            if (Math.abs(got[i] - expected[0][i]) > tolerance) {
                OUTCOME.put(stem, "simulated; MISMATCH at flat index " + i);
                fail(stem + ": output[" + i + "] = " + got[i] + ", the einsum " + expression + " gives "
                        + expected[0][i]);
            }
        }
        verified++;
        OUTCOME.put(stem, "verified (" + expression + ", n=" + n + ")");
    }

    /** Why the graph's output cannot be checked against its expression, or null when it can. */
    private static String verificationGap(String expression, ImportedComalGraph graph) {
        if (expression == null) {
            return "no expression in stats.txt";
        }
        DenseEinsum einsum = DenseEinsum.parse(expression);
        if (einsum == null) {
            return "the expression is not a sum of products";
        }
        if (einsum.ambiguous()) {
            return "the flattened expression text is ambiguous (a product term lacks an output variable)";
        }
        if (graph.outputs().size() != 1 || graph.outputs().get(0).indexVars().size() != einsum.output.vars().size()) {
            return "the graph's output levels do not match the expression's output";
        }
        for (int k = 0; k < einsum.output.vars().size(); k++) {
            if (!sameVar(graph.outputs().get(0).indexVars().get(k), einsum.output.vars().get(k))) {
                return "output variables are numbered differently in the graph";
            }
        }
        for (SamOp op : graph.graph().ops()) {
            if (op instanceof LocateOp locate) {
                TensorRequirement dense = graph.input(locate.denseTensor());
                int level = dense == null ? 0 : dense.levels().stream().map(TensorRequirement.LevelUse::indexVar)
                        .toList().indexOf(locate.indexVar());
                if (level > 0) {
                    // Comal's locate passes the coordinate on as the dense side's reference, which is a position
                    // only at level 0; the original compiler also locates deeper, so every row reads row 0.
                    return "the graph locates into level " + level + " of " + locate.denseTensor()
                            + " (an original-compiler quirk: the reference is the bare coordinate)";
                }
            }
        }
        for (List<DenseEinsum.Access> term : einsum.terms) {
            for (DenseEinsum.Access access : term) {
                TensorRequirement input = graph.inputs().stream()
                        .filter(r -> r.tensor().replaceFirst("-[\\d,]*$", "").equals(access.tensor())).findFirst()
                        .orElse(null);
                if (input == null) {
                    return "the expression reads " + access.tensor() + ", which the graph does not scan";
                }
                for (TensorRequirement.LevelUse level : input.levels()) {
                    if (level.indexVar().isEmpty()) {
                        continue;
                    }
                    if (level.mode() >= access.vars().size() || !sameVar(level.indexVar(),
                            access.vars().get(level.mode()))) {
                        return input.tensor() + " is scanned under variables other than the expression's";
                    }
                }
            }
        }
        return null;
    }

    private static boolean sameVar(String graphVar, String expressionVar) {
        return graphVar.startsWith("d") && expressionVar.startsWith("i")
                && graphVar.substring(1).equals(expressionVar.substring(1));
    }

    /** The einsum expression of each graph in stats.txt ({@code "  orders: 1 | expr: ..."} under its name). */
    private static Map<String, String> expressions(Path stats) {
        Map<String, String> expressions = new LinkedHashMap<>();
        if (!Files.exists(stats)) {
            return expressions;
        }
        try {
            String current = null;
            for (String line : Files.readAllLines(stats)) {
                if (!line.startsWith(" ") && !line.isBlank()) {
                    current = line.trim();
                } else if (current != null && line.contains("expr: ")) {
                    expressions.put(current, line.substring(line.indexOf("expr: ") + 6).trim());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + stats, e);
        }
        return expressions;
    }

}
