package dev.fuseflow.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.fuseflow.compiler.export.DotExporter;
import dev.fuseflow.compiler.export.JsonExporter;
import dev.fuseflow.compiler.export.SummaryPrinter;
import dev.fuseflow.compiler.ir.Program;
import dev.fuseflow.compiler.schedule.DataflowOrder;
import dev.fuseflow.simulator.graph.SamGraph;
import dev.fuseflow.simulator.graph.SamOp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** DOT, JSON and summary exports of compiled programs. */
class ExportTest {

    private static CompiledProgram compile(String text, String fusion) {
        Program program = Harness.parse(text);
        return Compiler.compile(program, fusion, Harness.schedule(program, fusion), "auto");
    }

    private static int consumedStreams(SamGraph graph) {
        int edges = 0;
        for (SamOp op : graph.ops()) {
            for (int stream : op.outputs()) {
                edges += graph.consumerOf(stream) >= 0 ? 1 : 0;
            }
        }
        return edges;
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void dotHasOneBoxPerOpAndOneLabelledEdgePerConsumedStream() {
        SamGraph graph = compile(Kernels.SPMM, "unfused").groups().get(0).graph();
        String dot = DotExporter.toDot(graph);
        assertTrue(dot.startsWith("digraph \"test/g0\" {\n"), dot);
        assertEquals(graph.ops().size(), count(dot, "^  n\\d+ \\[label="));
        assertEquals(consumedStreams(graph), count(dot, "^  n\\d+ -> n\\d+ \\[label=\"(crd|ref|val) "));
        assertTrue(dot.contains("[label=\"FiberLookup\\nA.i (compressed)\"]"), dot);
        assertTrue(dot.contains("[label=\"Intersect\\nk\"]"), dot);
        assertTrue(dot.contains("[label=\"Array\\nB\"]"), dot);
        assertTrue(dot.contains("[label=\"ValueWrite\\nC\"]"), dot);
        assertTrue(Pattern.compile("\\[label=\"ref [^\"]*\", style=dashed\\]").matcher(dot).find(), dot);
        assertTrue(Pattern.compile("\\[label=\"val [^\"]*\", style=bold\\]").matcher(dot).find(), dot);
        assertTrue(Pattern.compile("\\[label=\"crd [^\"]*\"\\];").matcher(dot).find(), dot);
    }

    @Test
    void dotOfSeveralGroupsIsOneDigraphWithAClusterPerGroup() {
        CompiledProgram compiled = compile(Kernels.GCN_TWO_LAYER, "groups=0-1,2-3");
        String dot = DotExporter.toDot(compiled);
        assertEquals(1, count(dot, "^digraph "));
        assertEquals(2, count(dot, "^  subgraph \"cluster_g\\d\" \\{"));
        assertTrue(dot.contains("label=\"g1: assignments [2, 3], order "), dot);
        int ops = compiled.groups().stream().mapToInt(g -> g.graph().ops().size()).sum();
        assertEquals(ops, count(dot, "^    g\\dn\\d+ \\[label="));
        assertEquals(compiled.groups().stream().mapToInt(g -> consumedStreams(g.graph())).sum(),
                count(dot, "^    g(\\d)n\\d+ -> g\\1n\\d+ "), "edges stay inside their group");
    }

    @Test
    void jsonDescribesEveryOpStreamAndPortConsistently() {
        CompiledProgram compiled = compile(Kernels.SOFTMAX, "full");
        JsonObject root = JsonParser.parseString(JsonExporter.toJson(compiled)).getAsJsonObject();
        assertEquals("fuseflow-sam-graphs", root.get("format").getAsString());
        assertEquals(JsonExporter.VERSION, root.get("version").getAsInt());
        assertEquals("full", root.get("fusion").getAsString());
        JsonObject group = root.getAsJsonArray("groups").get(0).getAsJsonObject();
        CompiledGroup compiledGroup = compiled.groups().get(0);
        assertEquals(compiledGroup.order().name(), group.get("order").getAsString());
        assertEquals(compiledGroup.validOrders().size(), group.getAsJsonObject("valid_orders").get("count").getAsInt());
        assertFalse(group.getAsJsonObject("valid_orders").get("at_limit").getAsBoolean());
        SamGraph graph = compiledGroup.graph();
        JsonObject json = group.getAsJsonObject("graph");
        JsonArray ops = json.getAsJsonArray("ops");
        assertEquals(graph.ops().size(), ops.size());
        Set<Integer> streamIds = new HashSet<>();
        for (JsonElement element : json.getAsJsonArray("streams")) {
            JsonObject stream = element.getAsJsonObject();
            int id = stream.get("id").getAsInt();
            streamIds.add(id);
            assertEquals(graph.stream(id).kind().name().toLowerCase(), stream.get("kind").getAsString());
            int producer = stream.get("producer").getAsInt();
            assertTrue(graph.ops().get(producer).outputs().contains(id));
            if (stream.get("consumer").isJsonNull()) {
                assertEquals(-1, graph.consumerOf(id));
            } else {
                assertTrue(graph.ops().get(stream.get("consumer").getAsInt()).inputs().contains(id));
            }
        }
        for (int i = 0; i < ops.size(); i++) {
            JsonObject op = ops.get(i).getAsJsonObject();
            SamOp expected = graph.ops().get(i);
            assertEquals(i, op.get("id").getAsInt());
            assertEquals(expected.kind(), op.get("kind").getAsString());
            List<Integer> inputs = new ArrayList<>();
            List<String> ports = new ArrayList<>();
            for (JsonElement port : op.getAsJsonArray("inputs")) {
                inputs.add(port.getAsJsonObject().get("stream").getAsInt());
                ports.add(port.getAsJsonObject().get("port").getAsString());
            }
            assertEquals(expected.inputs(), inputs);
            assertEquals(expected.inputPorts(), ports);
            assertTrue(streamIds.containsAll(inputs), "every input stream is listed");
        }
        JsonObject scan = ops.get(1).getAsJsonObject();
        assertEquals("FiberLookup", scan.get("kind").getAsString());
        JsonObject parameters = scan.getAsJsonObject("parameters");
        assertEquals("Z", parameters.get("tensor").getAsString());
        assertEquals("dense", parameters.get("format").getAsString());
        assertEquals("i", parameters.get("index").getAsString());
        JsonObject output = json.getAsJsonArray("outputs").get(0).getAsJsonObject();
        assertEquals("P", output.get("tensor").getAsString());
        assertEquals("[6,9]", output.get("shape").toString());
    }

    @Test
    void jsonAndDotOfAParallelizedGraphShowTheLanes() {
        Program program = Harness.parse(Kernels.SPMM);
        CompiledProgram compiled = Compiler.compile(program, "unfused", Harness.schedule(program, "unfused"), "auto",
                dev.fuseflow.compiler.schedule.Parallelization.parse("i:3"));
        JsonObject graph = JsonParser.parseString(JsonExporter.toJson(compiled)).getAsJsonObject()
                .getAsJsonArray("groups").get(0).getAsJsonObject().getAsJsonObject("graph");
        int orderedJoins = 0;
        for (JsonElement element : graph.getAsJsonArray("ops")) {
            JsonObject op = element.getAsJsonObject();
            if (op.get("kind").getAsString().equals("OrderedJoin")) {
                orderedJoins++;
                assertEquals(3, op.getAsJsonObject("parameters").get("ways").getAsInt());
                assertEquals(4, op.getAsJsonArray("inputs").size(), "control plus three lanes");
            }
        }
        assertTrue(orderedJoins > 0, graph.toString());
        String dot = DotExporter.toDot(compiled);
        assertTrue(dot.contains("[label=\"Fork\\nx3\"]"), dot);
    }

    @Test
    void jsonOfAReduceAndAUnaryAluCarriesTheirParameters() {
        String json = JsonExporter.toJson(compile(Kernels.SOFTMAX, "full"));
        assertTrue(json.contains("\"reduction\": \"max\""), json);
        assertTrue(json.contains("\"skips_empty\": true"), json);
        assertTrue(json.contains("\"op\": \"exp\""), json);
    }

    @Test
    void summaryNamesTheOrderItsPositionAndTheOpCounts() {
        CompiledProgram compiled = compile(Kernels.SPMM.replace("[10, 9]\n", "[10, 9] order [1, 0]\n"), "unfused");
        SamGraph graph = compiled.groups().get(0).graph();
        StringBuilder counts = new StringBuilder("  ops " + graph.ops().size() + ":");
        graph.opCounts().forEach((kind, n) -> counts.append(' ').append(kind).append('=').append(n));
        // The op counts belong to the lowering (tested there); this golden fixes the layout around them.
        assertEquals("""
                program test, fusion unfused (groups=0), 1 group
                group g0: assignments [0]
                  0: C(i,j) = sum_k(A(i,k) * B(k,j))
                  order jik (#2 of 2 valid orders: ijk jik)
                """ + counts + "\n", SummaryPrinter.print(compiled));
        assertTrue(counts.toString().contains(" FiberLookup=4 "), counts.toString());
    }

    @Test
    void summaryTotalsSeveralGroupsAndBoundsACountAtTheLimit() {
        CompiledProgram compiled = compile(Kernels.CHAINED_SPMM, "unfused");
        String summary = SummaryPrinter.print(compiled);
        assertTrue(summary.contains("\ntotal ops "), summary);
        List<String> many = new ArrayList<>();
        for (int i = 0; i < Compiler.ORDER_LIMIT; i++) {
            many.add("o" + i);
        }
        CompiledGroup group = compiled.groups().get(0);
        CompiledGroup atLimit = new CompiledGroup(0, group.assignments(), new DataflowOrder(group.order().vars()),
                many, group.graph());
        String bounded = SummaryPrinter.print(new CompiledProgram(compiled.program(), "unfused",
                compiled.schedule(), List.of(atLimit)));
        assertTrue(bounded.contains("(≥ " + Compiler.ORDER_LIMIT + " valid orders: o0 o1 "), bounded);
        assertTrue(bounded.contains(" o11 …)"), bounded);
        assertFalse(bounded.contains(" o12"), bounded);
    }
}
