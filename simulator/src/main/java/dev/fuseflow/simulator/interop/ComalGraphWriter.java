package dev.fuseflow.simulator.interop;

import dev.fuseflow.diagnostics.UserError;
import dev.fuseflow.simulator.graph.ArrayOp;
import dev.fuseflow.simulator.graph.BinaryAluOp;
import dev.fuseflow.simulator.graph.BroadcastOp;
import dev.fuseflow.simulator.graph.CrdDropOp;
import dev.fuseflow.simulator.graph.CrdHoldOp;
import dev.fuseflow.simulator.graph.FiberLookupOp;
import dev.fuseflow.simulator.graph.FiberWriteOp;
import dev.fuseflow.simulator.graph.ForkOp;
import dev.fuseflow.simulator.graph.IntersectOp;
import dev.fuseflow.simulator.graph.JoinOp;
import dev.fuseflow.simulator.graph.LocateOp;
import dev.fuseflow.simulator.graph.ReduceOp;
import dev.fuseflow.simulator.graph.RepeatOp;
import dev.fuseflow.simulator.graph.RootOp;
import dev.fuseflow.simulator.graph.SamGraph;
import dev.fuseflow.simulator.graph.SamOp;
import dev.fuseflow.simulator.graph.Spacc2Op;
import dev.fuseflow.simulator.graph.SpaccOp;
import dev.fuseflow.simulator.graph.StreamKind;
import dev.fuseflow.simulator.graph.UnaryAluOp;
import dev.fuseflow.simulator.graph.UnionOp;
import dev.fuseflow.simulator.graph.ValueWriteOp;
import dev.fuseflow.simulator.interop.proto.ALU;
import dev.fuseflow.simulator.interop.proto.ArrayVals;
import dev.fuseflow.simulator.interop.proto.Broadcast;
import dev.fuseflow.simulator.interop.proto.ComalGraph;
import dev.fuseflow.simulator.interop.proto.CoordDrop;
import dev.fuseflow.simulator.interop.proto.CoordHold;
import dev.fuseflow.simulator.interop.proto.CrdFanIn;
import dev.fuseflow.simulator.interop.proto.CrdFanOut;
import dev.fuseflow.simulator.interop.proto.CrdStream;
import dev.fuseflow.simulator.interop.proto.FiberLookup;
import dev.fuseflow.simulator.interop.proto.FiberWrite;
import dev.fuseflow.simulator.interop.proto.Fork;
import dev.fuseflow.simulator.interop.proto.Generator;
import dev.fuseflow.simulator.interop.proto.Join;
import dev.fuseflow.simulator.interop.proto.Joiner;
import dev.fuseflow.simulator.interop.proto.JoinerInputPair;
import dev.fuseflow.simulator.interop.proto.Locate;
import dev.fuseflow.simulator.interop.proto.Operation;
import dev.fuseflow.simulator.interop.proto.Payload;
import dev.fuseflow.simulator.interop.proto.ProgramGraph;
import dev.fuseflow.simulator.interop.proto.Reduce;
import dev.fuseflow.simulator.interop.proto.RefFanIn;
import dev.fuseflow.simulator.interop.proto.RefFanOut;
import dev.fuseflow.simulator.interop.proto.RefStream;
import dev.fuseflow.simulator.interop.proto.Repeat;
import dev.fuseflow.simulator.interop.proto.SparseAccumulator;
import dev.fuseflow.simulator.interop.proto.StreamID;
import dev.fuseflow.simulator.interop.proto.ValFanIn;
import dev.fuseflow.simulator.interop.proto.ValFanOut;
import dev.fuseflow.simulator.interop.proto.ValStream;
import dev.fuseflow.simulator.interop.proto.ValWrite;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a {@link SamGraph} as a Comal graph, following the original emitter's conventions
 * (fuseflow-compiler.md §4.2): operation ids from 1 in op order with the broadcasts after all other ops,
 * channel ids from one counter in order of first mention, id 0 on every output nothing reads, labels and
 * op names as the compiler writes them ({@code "fiberlookup d1"}, {@code "repeat d0: t1-0,1"},
 * {@code "Intersect d1"}, {@code "SparseAccumulator 1"}, ...), and {@code "out_ref-<tensor>"} names on joiner
 * output refs. The graph must already carry its fan-out as {@link BroadcastOp}s, as a {@link SamGraph} does.
 *
 * <p>Two deliberate departures, so that a graph reads back as written: the fiber and value writers carry the
 * output tensor's name (the compiler leaves the value writer's empty and gives each fiber writer the
 * scanned input's name), and a two-input MAX is written although Comal's binary ALU lacks it.
 * {@code CrdMask} and {@code StopDropper} have no Comal form and are refused.
 */
public final class ComalGraphWriter {
    private final SamGraph graph;
    private final Map<Integer, Long> channelIds = new HashMap<>();
    private long nextChannel = 1;

    private ComalGraphWriter(SamGraph graph) {
        this.graph = graph;
    }

    /** The graph as a ComalGraph message. */
    public static ComalGraph toProto(SamGraph graph) {
        return new ComalGraphWriter(graph).convert();
    }

    /** Writes the graph to a file in the given encoding. */
    public static void write(SamGraph graph, Path file, ComalGraphFile.Encoding encoding) throws IOException {
        ComalGraphFile.write(toProto(graph), file, encoding);
    }

    private ComalGraph convert() {
        List<SamOp> ordered = new ArrayList<>();
        graph.ops().stream().filter(op -> !(op instanceof BroadcastOp)).forEach(ordered::add);
        graph.ops().stream().filter(op -> op instanceof BroadcastOp).forEach(ordered::add);
        ProgramGraph.Builder program = ProgramGraph.newBuilder();
        long id = 0;
        for (SamOp op : ordered) {
            program.addOperators(operation(op, ++id));
        }
        return ComalGraph.newBuilder().setName("comal graph").setChannelSize(1024).setGraph(program).build();
    }

    private Operation operation(SamOp op, long id) {
        Operation.Builder operation = Operation.newBuilder().setId(id);
        if (op instanceof RootOp root) {
            operation.setName("root").setRoot(Generator.newBuilder().setLabel("root " + root.tensor())
                    .setOutputRef(ref(root.outRef())));
        } else if (op instanceof FiberLookupOp scan) {
            operation.setName("fiberlookup").setFiberLookup(FiberLookup.newBuilder().setInputRef(ref(scan.inRef()))
                    .setOutputRef(ref(scan.outRef())).setOutputCrd(crd(scan.outCrd())).setIndex(scan.indexVar())
                    .setTensor(scan.tensor()).setMode(scan.mode()).setFormat(scan.format().word())
                    .setLabel("fiberlookup " + scan.indexVar()));
        } else if (op instanceof FiberWriteOp write) {
            operation.setName("fiberwrite").setFiberWrite(FiberWrite.newBuilder().setInputCrd(crd(write.inCrd()))
                    .setIndex(write.indexVar()).setTensor(write.tensor()).setFormat("compressed")
                    .setLabel("fiberwrite " + write.indexVar()));
        } else if (op instanceof ValueWriteOp write) {
            operation.setName("valwrite").setValWrite(ValWrite.newBuilder().setInputVal(val(write.inVal()))
                    .setTensor(write.tensor()).setLabel("valwrite"));
        } else if (op instanceof RepeatOp repeat) {
            operation.setName("repeat").setRepeat(repeat(repeat));
        } else if (op instanceof IntersectOp join) {
            operation.setName("joiner").setJoiner(joiner(Joiner.Type.INTERSECT, "Intersect ", join.indexVar(),
                    join.inCrds(), join.inRefs(), join.outCrd(), join.outRefs()));
        } else if (op instanceof UnionOp join) {
            operation.setName("joiner").setJoiner(joiner(Joiner.Type.UNION, "Union ", join.indexVar(),
                    join.inCrds(), join.inRefs(), join.outCrd(), join.outRefs()));
        } else if (op instanceof LocateOp locate) {
            operation.setName("locate").setLocate(Locate.newBuilder().setInputCrd(crd(locate.inCrd()))
                    .setInputRef(ref(locate.inRef())).setOutputRef1(ref(locate.outDenseRef()))
                    .setOutputRef2(ref(locate.outSparseRef())).setOutputCrd(crd(locate.outCrd())).setLabel("Locate"));
        } else if (op instanceof ArrayOp array) {
            operation.setName("arrayval").setArray(ArrayVals.newBuilder().setTensor(array.tensor())
                    .setInputRef(ref(array.inRef())).setOutputVal(val(array.outVal()))
                    .setLabel("arrayval " + array.tensor()));
        } else if (op instanceof BinaryAluOp alu) {
            String name = alu.op().name().toLowerCase(Locale.ROOT);
            ALU.ALUOp code = ALU.ALUOp.valueOf(alu.op().name());
            operation.setName(name).setAlu(ALU.newBuilder().setVals(ALU.ValConnections.newBuilder()
                    .addInputs(val(alu.in1())).addInputs(val(alu.in2())).setOutput(val(alu.out())))
                    .addStages(ALU.Stage.newBuilder().addInputs(0).addInputs(1).setOp(code)).setLabel(name));
        } else if (op instanceof UnaryAluOp alu) {
            ALU.ALUOp code = switch (alu.op()) {
                case EXP -> ALU.ALUOp.EXP;
                case SIN -> ALU.ALUOp.SIN;
                case COS -> ALU.ALUOp.COS;
                case MAX_SCALAR -> ALU.ALUOp.MAX;
                case SCALAR_ADD -> ALU.ALUOp.SCALARADD;
                case SCALAR_MUL -> ALU.ALUOp.SCALARMUL;
                case SCALAR_DIV -> ALU.ALUOp.SCALARDIV;
                case RSQRT -> ALU.ALUOp.RSQRT;
                case SIGMOID -> ALU.ALUOp.SIGMOID;
            };
            String name = code.name().toLowerCase(Locale.ROOT);
            ALU.Builder message = ALU.newBuilder().setVals(ALU.ValConnections.newBuilder().addInputs(val(alu.in()))
                    .setOutput(val(alu.out()))).addStages(ALU.Stage.newBuilder().addInputs(0).setOp(code))
                    .setLabel(name);
            if (alu.op().usesScalar()) {
                message.setScalar(alu.scalar());
            }
            operation.setName(name).setAlu(message);
        } else if (op instanceof ReduceOp reduce) {
            operation.setName("reduce").setReduce(Reduce.newBuilder().setInputVal(val(reduce.in()))
                    .setOutputVal(val(reduce.out())).setLabel("reduce")
                    .setReduceType(Reduce.Type.valueOf(reduce.reduction().name())));
        } else if (op instanceof SpaccOp spacc) {
            operation.setName("spacc").setSpacc(SparseAccumulator.newBuilder()
                    .setInputInnerCrd(crd(spacc.inInnerCrd())).setOutputInnerCrd(crd(spacc.outInnerCrd()))
                    .addInputOuterCrds(crd(spacc.inOuterCrd())).setInputVal(val(spacc.inVal()))
                    .setOutputVal(val(spacc.outVal())).setOrder(1).setInnerCrd(spacc.innerVar())
                    .setLabel("SparseAccumulator 1"));
        } else if (op instanceof Spacc2Op spacc) {
            operation.setName("spacc").setSpacc(SparseAccumulator.newBuilder()
                    .setInputInnerCrd(crd(spacc.inInnerCrd())).setOutputInnerCrd(crd(spacc.outInnerCrd()))
                    .addInputOuterCrds(crd(spacc.inKeptCrd())).addInputOuterCrds(crd(spacc.inReducedCrd()))
                    .setInputVal(val(spacc.inVal())).setOutputVal(val(spacc.outVal())).setOrder(2)
                    .setInnerCrd(spacc.innerVar()).addOuterCrds(spacc.keptVar()).setLabel("SparseAccumulator 2")
                    .addOutputOuterCrds(crd(spacc.outKeptCrd())));
        } else if (op instanceof CrdDropOp drop) {
            operation.setName("crddrop").setCoordDrop(CoordDrop.newBuilder()
                    .setInputInnerCrd(crd(drop.inInnerCrd())).setInputOuterCrd(crd(drop.inOuterCrd()))
                    .setOutputInnerCrd(crd(drop.outInnerCrd())).setOutputOuterCrd(crd(drop.outOuterCrd()))
                    .setLabel("CrdDrop").setInnerCrd(drop.innerVar()).setOuterCrd(drop.outerVar()));
        } else if (op instanceof CrdHoldOp hold) {
            operation.setName("crdhold").setCoordHold(CoordHold.newBuilder()
                    .setInputInnerCrd(crd(hold.inInnerCrd())).setInputOuterCrd(crd(hold.inOuterCrd()))
                    .setOutputInnerCrd(crd(hold.outInnerCrd())).setOutputOuterCrd(crd(hold.outOuterCrd()))
                    .setLabel("CrdHold"));
        } else if (op instanceof BroadcastOp broadcast) {
            Broadcast.Builder message = Broadcast.newBuilder();
            switch (kind(broadcast.in())) {
                case CRD -> message.setCrd(CrdFanOut.newBuilder().setInput(crd(broadcast.in()))
                        .addAllOutputs(broadcast.outs().stream().map(this::crd).toList()));
                case REF -> message.setRef(RefFanOut.newBuilder().setInput(ref(broadcast.in()))
                        .addAllOutputs(broadcast.outs().stream().map(this::ref).toList()));
                case VAL -> message.setVal(ValFanOut.newBuilder().setInput(val(broadcast.in()))
                        .addAllOutputs(broadcast.outs().stream().map(this::val).toList()));
            }
            operation.setName("broadcast").setBroadcast(message);
        } else if (op instanceof ForkOp fork) {
            Fork.Builder message = Fork.newBuilder();
            switch (kind(fork.in())) {
                case CRD -> message.setCrd(CrdFanOut.newBuilder().setInput(crd(fork.in()))
                        .addAllOutputs(fork.outs().stream().map(this::crd).toList()));
                case REF -> message.setRef(RefFanOut.newBuilder().setInput(ref(fork.in()))
                        .addAllOutputs(fork.outs().stream().map(this::ref).toList()));
                case VAL -> message.setVal(ValFanOut.newBuilder().setInput(val(fork.in()))
                        .addAllOutputs(fork.outs().stream().map(this::val).toList()));
            }
            operation.setName("fork").setFork(message);
        } else if (op instanceof JoinOp join) {
            Join.Builder message = Join.newBuilder();
            switch (kind(join.out())) {
                case CRD -> message.setCrd(CrdFanIn.newBuilder()
                        .addAllInputs(join.ins().stream().map(this::crd).toList()).setOutput(crd(join.out())));
                case REF -> message.setRef(RefFanIn.newBuilder()
                        .addAllInputs(join.ins().stream().map(this::ref).toList()).setOutput(ref(join.out())));
                case VAL -> message.setVal(ValFanIn.newBuilder()
                        .addAllInputs(join.ins().stream().map(this::val).toList()).setOutput(val(join.out())));
            }
            operation.setName("join").setJoin(message);
        } else {
            throw UserError.of("graph " + graph.name() + ": " + op.label() + " has no Comal protobuf form",
                    List.of("Root", "FiberLookup", "FiberWrite", "ValueWrite", "Repeat", "Intersect", "Union",
                            "Locate", "Array", "BinaryAlu", "UnaryAlu", "Reduce", "Spacc1", "Spacc2", "CrdDrop",
                            "CrdHold", "Broadcast", "Fork", "Join"));
        }
        return operation.build();
    }

    private Repeat.Builder repeat(RepeatOp repeat) {
        Repeat.Builder message = Repeat.newBuilder().setLabel("repeat " + repeat.indexVar() + ": " + repeat.tensor())
                .setIndex(repeat.indexVar()).setTensor(repeat.tensor());
        if (kind(repeat.inRef()) == StreamKind.VAL) {
            message.setInVal(val(repeat.inRef())).setOutVal(val(repeat.outRef()));
        } else {
            message.setInRef(ref(repeat.inRef())).setOutRef(ref(repeat.outRef()));
        }
        switch (kind(repeat.signalSource())) {
            case REF -> message.setRepRef(ref(repeat.signalSource()));
            case VAL -> message.setRepVal(val(repeat.signalSource()));
            case CRD -> throw UserError.of("graph " + graph.name() + ": " + repeat.label()
                    + " is driven by a crd stream, but a Comal repeat takes its signal from rep_ref or rep_val.");
        }
        return message;
    }

    private Joiner.Builder joiner(Joiner.Type type, String labelPrefix, String indexVar, List<Integer> inCrds,
            List<Integer> inRefs, int outCrd, List<Integer> outRefs) {
        Joiner.Builder message = Joiner.newBuilder().setJoinType(type).setIndex(indexVar)
                .setLabel(labelPrefix + indexVar);
        for (int i = 0; i < inCrds.size(); i++) {
            message.addInputPairs(JoinerInputPair.newBuilder().setCrd(crd(inCrds.get(i)))
                    .setInRef(payload(inRefs.get(i), "")));
        }
        for (int i = 0; i < outRefs.size(); i++) {
            message.addOutputRefs(payload(outRefs.get(i), "out_ref-" + RefTensors.tensorOf(graph, inRefs.get(i))));
        }
        return message.setOutputCrd(crd(outCrd));
    }

    private Payload payload(int stream, String name) {
        return kind(stream) == StreamKind.VAL
                ? Payload.newBuilder().setValStream(val(stream).toBuilder().setName(name)).build()
                : Payload.newBuilder().setRefStream(ref(stream).toBuilder().setName(name)).build();
    }

    private StreamKind kind(int stream) {
        return graph.stream(stream).kind();
    }

    /** The channel id of a stream: 0 when nothing reads it, else from the one counter, on first mention. */
    private StreamID id(int stream) {
        long id = graph.consumerOf(stream) < 0 ? 0 : channelIds.computeIfAbsent(stream, s -> nextChannel++);
        return StreamID.newBuilder().setId(id).build();
    }

    private RefStream ref(int stream) {
        return RefStream.newBuilder().setId(id(stream)).build();
    }

    private CrdStream crd(int stream) {
        return CrdStream.newBuilder().setId(id(stream)).build();
    }

    private ValStream val(int stream) {
        return ValStream.newBuilder().setId(id(stream)).build();
    }
}
