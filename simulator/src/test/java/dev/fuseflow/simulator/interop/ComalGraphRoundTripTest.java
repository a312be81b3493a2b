package dev.fuseflow.simulator.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuseflow.simulator.graph.ArrayOp;
import dev.fuseflow.simulator.graph.BinaryAluOp;
import dev.fuseflow.simulator.graph.BinaryOp;
import dev.fuseflow.simulator.graph.BroadcastOp;
import dev.fuseflow.simulator.graph.CrdDropOp;
import dev.fuseflow.simulator.graph.CrdHoldOp;
import dev.fuseflow.simulator.graph.FiberLookupOp;
import dev.fuseflow.simulator.graph.FiberWriteOp;
import dev.fuseflow.simulator.graph.ForkOp;
import dev.fuseflow.simulator.graph.IntersectOp;
import dev.fuseflow.simulator.graph.JoinOp;
import dev.fuseflow.simulator.graph.ReduceKind;
import dev.fuseflow.simulator.graph.ReduceOp;
import dev.fuseflow.simulator.graph.RepeatOp;
import dev.fuseflow.simulator.graph.RootOp;
import dev.fuseflow.simulator.graph.SamGraph;
import dev.fuseflow.simulator.graph.Spacc2Op;
import dev.fuseflow.simulator.graph.StreamKind;
import dev.fuseflow.simulator.graph.UnaryAluOp;
import dev.fuseflow.simulator.graph.UnaryOp;
import dev.fuseflow.simulator.graph.UnionOp;
import dev.fuseflow.simulator.graph.ValueWriteOp;
import dev.fuseflow.simulator.interop.proto.ComalGraph;
import dev.fuseflow.simulator.interop.proto.Operation;
import dev.fuseflow.simulator.tensor.LevelFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** SamGraph → ComalGraph → SamGraph gives the same machine, in both encodings. */
class ComalGraphRoundTripTest {
    @TempDir
    Path dir;

    /** x(i) = sum_j A(i,j) * b(j): a scan chain, a repeat, an intersection, a reduce and a broadcast. */
    static SamGraph spmv() {
        SamGraph.Builder g = new SamGraph.Builder("spmv");
        int aRoot = g.stream(StreamKind.REF, "A.root");
        int aiCrd = g.stream(StreamKind.CRD, "A.i.crd");
        int aiRef = g.stream(StreamKind.REF, "A.i.ref");
        int aiRef1 = g.stream(StreamKind.REF, "A.i.ref1");
        int aiRef2 = g.stream(StreamKind.REF, "A.i.ref2");
        int ajCrd = g.stream(StreamKind.CRD, "A.j.crd");
        int ajRef = g.stream(StreamKind.REF, "A.j.ref");
        int bRoot = g.stream(StreamKind.REF, "b.root");
        int bRep = g.stream(StreamKind.REF, "b.rep");
        int bjCrd = g.stream(StreamKind.CRD, "b.j.crd");
        int bjRef = g.stream(StreamKind.REF, "b.j.ref");
        int jCrd = g.stream(StreamKind.CRD, "j.crd");
        int jA = g.stream(StreamKind.REF, "j.A");
        int jB = g.stream(StreamKind.REF, "j.b");
        int aVal = g.stream(StreamKind.VAL, "A.val");
        int bVal = g.stream(StreamKind.VAL, "b.val");
        int prod = g.stream(StreamKind.VAL, "prod");
        int sum = g.stream(StreamKind.VAL, "sum");
        g.add(new RootOp("A-0,1", aRoot));
        g.add(new FiberLookupOp("A-0,1", 0, 0, LevelFormat.COMPRESSED, "d0", aRoot, aiCrd, aiRef));
        g.add(new BroadcastOp(aiRef, List.of(aiRef1, aiRef2)));
        g.add(new FiberLookupOp("A-0,1", 1, 1, LevelFormat.COMPRESSED, "d1", aiRef1, ajCrd, ajRef));
        g.add(new RootOp("b-0", bRoot));
        g.add(new RepeatOp("b-0", "d0", bRoot, aiRef2, bRep));
        g.add(new FiberLookupOp("b-0", 0, 0, LevelFormat.DENSE, "d1", bRep, bjCrd, bjRef));
        g.add(new IntersectOp("d1", List.of(ajCrd, bjCrd), List.of(ajRef, bjRef), jCrd, List.of(jA, jB)));
        g.add(new ArrayOp("A-0,1", jA, aVal));
        g.add(new ArrayOp("b-0", jB, bVal));
        g.add(new BinaryAluOp(BinaryOp.MUL, aVal, bVal, prod));
        g.add(new ReduceOp(ReduceKind.ADD, "", prod, sum));
        g.add(new FiberWriteOp("x", 0, "d0", aiCrd));
        g.add(new ValueWriteOp("x", sum));
        return g.build();
    }

    /** Every other op kind with a Comal form, wired into one (not meaningfully computing) graph. */
    static SamGraph everyOtherKind() {
        SamGraph.Builder g = new SamGraph.Builder("kinds");
        int[] s = new int[40];
        for (int i = 0; i < s.length; i++) {
            StreamKind kind = i < 14 ? StreamKind.REF : i < 28 ? StreamKind.CRD : StreamKind.VAL;
            s[i] = g.stream(kind, "s" + i);
        }
        // refs s0..s13, crds s14..s27, vals s28..s39
        g.add(new RootOp("A-0,1", s[0]));
        g.add(new FiberLookupOp("A-0,1", 0, 0, LevelFormat.COMPRESSED, "d0", s[0], s[14], s[1]));
        g.add(new ForkOp(s[1], List.of(s[2], s[3])));
        g.add(new JoinOp(List.of(s[2], s[3]), s[4]));
        g.add(new RootOp("B-0,1", s[5]));
        g.add(new FiberLookupOp("B-0,1", 0, 0, LevelFormat.DENSE, "d0", s[5], s[15], s[6]));
        g.add(new UnionOp("d0", List.of(s[14], s[15]), List.of(s[4], s[6]), s[16], List.of(s[7], s[8])));
        g.add(new BroadcastOp(s[16], List.of(s[17], s[18], s[19])));
        g.add(new ArrayOp("A-0,1", s[7], s[28]));
        g.add(new ArrayOp("B-0,1", s[8], s[29]));
        g.add(new UnaryAluOp(UnaryOp.MAX_SCALAR, 0f, s[28], s[30]));
        g.add(new UnaryAluOp(UnaryOp.SCALAR_MUL, 2.5f, s[29], s[31]));
        g.add(new BinaryAluOp(BinaryOp.SUB, s[30], s[31], s[32]));
        g.add(new CrdHoldOp("d0", "d1", s[17], s[18], s[20], s[21]));
        g.add(new CrdDropOp("d0", "d1", s[20], s[21], s[22], s[23]));
        g.add(new Spacc2Op("d1", "d0", "d2", s[19], s[22], s[23], s[32], s[24], s[25], s[33]));
        g.add(new RepeatOp("t", "d1", s[33], s[34], s[35]));
        g.add(new RootOp("C-0", s[9]));
        g.add(new FiberLookupOp("C-0", 0, 0, LevelFormat.COMPRESSED, "d1", s[9], s[26], s[10]));
        g.add(new ArrayOp("C-0", s[10], s[34]));
        g.add(new ReduceOp(ReduceKind.MAX, "", s[35], s[36]));
        g.add(new FiberWriteOp("y", 0, "d0", s[24]));
        g.add(new FiberWriteOp("y", 1, "d1", s[25]));
        g.add(new ValueWriteOp("y", s[36]));
        return g.build();
    }

    @ParameterizedTest
    @EnumSource(ComalGraphFile.Encoding.class)
    void handBuiltGraphsSurviveTheTrip(ComalGraphFile.Encoding encoding) throws IOException {
        for (SamGraph graph : List.of(spmv(), everyOtherKind())) {
            Path file = dir.resolve(graph.name() + (encoding == ComalGraphFile.Encoding.TEXT ? ".pbtxt" : ".bin"));
            ComalGraphWriter.write(graph, file, encoding);
            ImportedComalGraph back = ComalGraphReader.read(file);
            GraphEquivalence.assertEquivalent(graph, back.graph());
            assertEquals(graph.name(), back.graph().name());
        }
    }

    @Test
    void everyReferenceGraphSurvivesTheTrip() {
        int count = 0;
        for (Path file : ReferenceGraphs.textGraphs()) {
            ImportedComalGraph imported;
            try {
                imported = ComalGraphReader.read(file);
            } catch (dev.fuseflow.diagnostics.UserError e) {
                continue;
            }
            ComalGraph proto = ComalGraphWriter.toProto(imported.graph());
            ImportedComalGraph back = ComalGraphReader.fromProto(proto, "round trip of " + file, imported.graph().name());
            GraphEquivalence.assertEquivalent(imported.graph(), back.graph());
            assertEquals(imported.inputs(), back.inputs(), file.toString());
            assertEquals(imported.outputs(), back.outputs(), file.toString());
            count++;
        }
        assertTrue(count > 0);
    }

    @Test
    void writerFollowsTheEmitterConventions() {
        ComalGraph proto = ComalGraphWriter.toProto(spmv());
        assertEquals("comal graph", proto.getName());
        assertEquals(1024, proto.getChannelSize());
        List<Operation> ops = proto.getGraph().getOperatorsList();
        for (int i = 0; i < ops.size(); i++) {
            assertEquals(i + 1, ops.get(i).getId());
        }
        // The broadcast comes after every regular op.
        assertEquals("broadcast", ops.get(ops.size() - 1).getName());
        assertEquals("fiberlookup d0", ops.get(1).getFiberLookup().getLabel());
        assertEquals("repeat d0: b-0", ops.get(4).getRepeat().getLabel());
        assertEquals("Intersect d1", ops.get(6).getJoiner().getLabel());
        assertEquals("out_ref-A-0,1", ops.get(6).getJoiner().getOutputRefs(0).getRefStream().getName());
        // The intersection's crd output is read by nobody: a void channel.
        assertEquals(0, ops.get(6).getJoiner().getOutputCrd().getId().getId());
        assertEquals("mul", ops.get(9).getName());
    }

    @Test
    void textAndBinaryAreToldApartByContent() throws IOException {
        ComalGraph proto = ComalGraphWriter.toProto(spmv());
        Path binary = dir.resolve("graph");
        Path text = dir.resolve("graph-text");
        ComalGraphFile.write(proto, binary, ComalGraphFile.Encoding.BINARY);
        ComalGraphFile.write(proto, text, ComalGraphFile.Encoding.TEXT);
        assertEquals(proto, ComalGraphFile.read(binary));
        assertEquals(proto, ComalGraphFile.read(text));
        assertTrue(Files.readString(text).contains("fiber_lookup {"));
    }
}
