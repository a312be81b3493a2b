package dev.fuseflow.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuseflow.compiler.export.ComalExport;
import dev.fuseflow.compiler.ir.Program;
import dev.fuseflow.compiler.passes.GraphCopy;
import dev.fuseflow.compiler.run.ProgramRunner;
import dev.fuseflow.compiler.run.RunResult;
import dev.fuseflow.simulator.engine.EngineOptions;
import dev.fuseflow.simulator.engine.Simulator;
import dev.fuseflow.simulator.graph.BroadcastOp;
import dev.fuseflow.simulator.graph.OutputSpec;
import dev.fuseflow.simulator.graph.SamGraph;
import dev.fuseflow.simulator.interop.ComalGraphFile;
import dev.fuseflow.simulator.interop.ComalGraphReader;
import dev.fuseflow.simulator.interop.ImportedComalGraph;
import dev.fuseflow.simulator.interop.proto.ComalGraph;
import dev.fuseflow.simulator.interop.proto.Operation;
import dev.fuseflow.simulator.tensor.FiberTensor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compile, export as Comal protobuf (binary and text), import with the simulator's reader, simulate: the
 * imported graphs give the same cycles and bit-identical values as the compiled ones.
 */
class ComalExportRoundTripTest {

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Kernels.Kernel kernel : Kernels.all()) {
            for (String fusion : kernel.fusions()) {
                for (ComalGraphFile.Encoding encoding : ComalGraphFile.Encoding.values()) {
                    cases.add(Arguments.of(kernel.name(), kernel.text(), fusion, encoding));
                }
            }
        }
        return cases.stream();
    }

    private static SamGraph throughProtobuf(SamGraph graph, ComalGraphFile.Encoding encoding) {
        byte[] bytes = encoding == ComalGraphFile.Encoding.BINARY ? ComalExport.binary(graph)
                : ComalExport.text(graph).getBytes(StandardCharsets.UTF_8);
        ComalGraph proto = ComalGraphFile.parse(bytes, encoding, graph.name());
        checkOriginalConventions(proto);
        ImportedComalGraph imported = ComalGraphReader.fromProto(proto, graph.name(), graph.name());
        // A Comal graph records no tensor sizes; the compiled graph's output specs say what is written.
        SamGraph.Builder builder = GraphCopy.of(imported.graph());
        for (OutputSpec output : graph.outputs()) {
            builder.output(output);
        }
        return builder.build();
    }

    /** The schema facts of fuseflow-compiler.md §4 that the export must keep. */
    private static void checkOriginalConventions(ComalGraph proto) {
        assertEquals("comal graph", proto.getName());
        assertEquals(1024, proto.getChannelSize());
        List<Operation> ops = proto.getGraph().getOperatorsList();
        for (int i = 0; i < ops.size(); i++) {
            assertEquals(i + 1, ops.get(i).getId(), "operation ids count from 1");
        }
        int firstBroadcast = ops.size();
        for (int i = 0; i < ops.size(); i++) {
            if (ops.get(i).hasBroadcast()) {
                firstBroadcast = Math.min(firstBroadcast, i);
            } else {
                assertTrue(i < firstBroadcast, "broadcasts come after every other operation");
            }
        }
    }

    private static CompiledProgram withGraphs(CompiledProgram compiled, List<SamGraph> graphs) {
        List<CompiledGroup> groups = new ArrayList<>();
        for (CompiledGroup group : compiled.groups()) {
            groups.add(new CompiledGroup(group.index(), group.assignments(), group.order(), group.validOrders(),
                    graphs.get(group.index())));
        }
        return new CompiledProgram(compiled.program(), compiled.fusion(), compiled.schedule(), groups);
    }

    @ParameterizedTest(name = "{0} {2} {3}")
    @MethodSource("cases")
    void importedGraphsSimulateIdentically(String name, String text, String fusion, ComalGraphFile.Encoding encoding) {
        Program program = Harness.parse(text);
        Map<String, FiberTensor> data = Harness.data(program, 0.3, 12);
        CompiledProgram compiled = Compiler.compile(program, fusion, Harness.schedule(program, fusion), "auto");
        List<SamGraph> exported = new ArrayList<>();
        List<SamGraph> imported = new ArrayList<>();
        for (CompiledGroup group : compiled.groups()) {
            SamGraph form = ComalExport.comalForm(group.graph());
            SamGraph back = throughProtobuf(group.graph(), encoding);
            assertEquals(form.ops().size(), back.ops().size(), name + " ops");
            assertEquals(form.opCounts(), back.opCounts(), name + " op kinds");
            exported.add(form);
            imported.add(back);
        }
        ProgramRunner runner = new ProgramRunner(new Simulator(EngineOptions.DEFAULT));
        RunResult direct = runner.run(compiled, data, () -> false);
        RunResult asExported = runner.run(withGraphs(compiled, exported), data, () -> false);
        RunResult viaProto = runner.run(withGraphs(compiled, imported), data, () -> false);
        String what = name + " " + fusion + " " + encoding;
        assertTrue(viaProto.verified(), what + ": " + viaProto.verifications());
        for (int g = 0; g < direct.groups().size(); g++) {
            assertEquals(asExported.groups().get(g).simulation().cycles(), viaProto.groups().get(g).simulation().cycles(),
                    what + " group " + g + " cycles");
        }
        assertEquals(asExported.total(), viaProto.total(), what + ": every statistic");
        CleanupEffectTest.assertSameOutputs(asExported, viaProto, what);
        // Rewiring repeats to references never changes a value; it may add a broadcast (one cycle per token
        // on that path), so the compiled graph may be a few cycles faster than its Comal form. The Comal form
        // leaves out fiber drops (no emptied rows in this data, so the values agree), which makes it at most a
        // few cycles faster per drop.
        CleanupEffectTest.assertSameOutputs(direct, viaProto, what + " against the compiled graph");
        long extra = viaProto.total().cycles() - direct.total().cycles();
        long drops = compiled.groups().stream().mapToLong(g -> g.graph().opCounts().getOrDefault("FiberDrop", 0))
                .sum();
        assertTrue(extra >= -8 * drops && extra <= compiled.groups().size() * 2L, what + ": " + extra
                + " extra cycles, " + drops + " fiber drops left out");
        System.out.printf("%-18s %-15s %-6s cycles compiled %6d, Comal form %6d%n", name, fusion, encoding,
                direct.total().cycles(), viaProto.total().cycles());
    }
}
