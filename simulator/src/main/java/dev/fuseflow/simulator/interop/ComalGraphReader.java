package dev.fuseflow.simulator.interop;

import dev.fuseflow.diagnostics.UserError;
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
import dev.fuseflow.simulator.graph.LocateOp;
import dev.fuseflow.simulator.graph.ReduceKind;
import dev.fuseflow.simulator.graph.ReduceOp;
import dev.fuseflow.simulator.graph.RepeatOp;
import dev.fuseflow.simulator.graph.RootOp;
import dev.fuseflow.simulator.graph.SamGraph;
import dev.fuseflow.simulator.graph.SamOp;
import dev.fuseflow.simulator.graph.Spacc2Op;
import dev.fuseflow.simulator.graph.SpaccOp;
import dev.fuseflow.simulator.graph.UnaryAluOp;
import dev.fuseflow.simulator.graph.UnaryOp;
import dev.fuseflow.simulator.graph.UnionOp;
import dev.fuseflow.simulator.graph.ValueWriteOp;
import dev.fuseflow.simulator.interop.proto.ALU;
import dev.fuseflow.simulator.interop.proto.ArrayVals;
import dev.fuseflow.simulator.interop.proto.Broadcast;
import dev.fuseflow.simulator.interop.proto.ComalGraph;
import dev.fuseflow.simulator.interop.proto.CoordDrop;
import dev.fuseflow.simulator.interop.proto.CoordHold;
import dev.fuseflow.simulator.interop.proto.CrdStream;
import dev.fuseflow.simulator.interop.proto.FiberLookup;
import dev.fuseflow.simulator.interop.proto.Fork;
import dev.fuseflow.simulator.interop.proto.Join;
import dev.fuseflow.simulator.interop.proto.Joiner;
import dev.fuseflow.simulator.interop.proto.JoinerInputPair;
import dev.fuseflow.simulator.interop.proto.Locate;
import dev.fuseflow.simulator.interop.proto.Operation;
import dev.fuseflow.simulator.interop.proto.Payload;
import dev.fuseflow.simulator.interop.proto.Reduce;
import dev.fuseflow.simulator.interop.proto.RefStream;
import dev.fuseflow.simulator.interop.proto.Repeat;
import dev.fuseflow.simulator.interop.proto.SparseAccumulator;
import dev.fuseflow.simulator.interop.proto.ValStream;
import dev.fuseflow.simulator.tensor.LevelFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a Comal graph (binary or text, comal-timing-model.md §11) into a {@link SamGraph}.
 *
 * <p>The mapping follows what Comal's scalar driver builds from each operation ({@code proto_driver/mod.rs}):
 * a joiner becomes an {@link IntersectOp} or {@link UnionOp} (value-stream payloads ride on the ref ports), an
 * ALU with two value inputs a {@link BinaryAluOp} and with one a {@link UnaryAluOp} with its scalar, a spacc of
 * order 1 or 2 a {@link SpaccOp} or {@link Spacc2Op}, a repeat (ref or value) a {@link RepeatOp} whose repeat
 * signal generator is built inside, as Comal builds RepeatSigGen inside its Repeat. A standalone
 * {@code repeatsig} can only feed a repeat-signal channel, which no operation in the schema reads; it is
 * accepted only when that output is discarded and then becomes nothing (its crd input is discarded).
 * Operations Comal cannot run ({@code coord_mask}, {@code func}, {@code gen_ref}, {@code concat}) and
 * combinations that reach Comal's {@code todo!()} are rejected with one sentence.
 *
 * <p>Names a Comal graph does not carry are recovered from the graph: the storage level of each scan from
 * the chain of references it reads (root, scans, and a locate for a level-0 position), the index variable of
 * a reduce or of an accumulator's reduced level from the op that produces its input, and the tensor behind a
 * locate from the scan its reference feeds. The output tensor is the val-write's {@code tensor}, else
 * {@code out}; its levels are the fiber writes ordered by their index variable.
 */
public final class ComalGraphReader {
    /** The name given to the output of a graph whose value writer names no tensor. */
    public static final String DEFAULT_OUTPUT = "out";

    private static final List<String> ACCEPTED = List.of("root", "fiber_lookup", "fiber_write", "val_write",
            "repeat", "repeatsig (discarded output)", "joiner", "alu", "reduce", "spacc (order 1 or 2)", "coord_hold",
            "coord_drop", "array", "broadcast", "fork", "join", "locate");

    private final String file;
    private final SamGraph.Builder builder;
    private final ChannelTable channels;
    /** Index variable known for a (namespace, id) from its producer, for ops whose message names none. */
    private final Map<String, String> varOfChannel = new HashMap<>();
    private final List<PendingWrite> fiberWrites = new ArrayList<>();
    private final Map<String, Integer> valueWriters = new LinkedHashMap<>();
    private long opId;
    private String opKind;

    private record PendingWrite(int opIndex, String tensor, String indexVar, int inCrd, long opId) {
    }

    private ComalGraphReader(String file, String name) {
        this.file = file;
        this.builder = new SamGraph.Builder(name);
        this.channels = new ChannelTable(file, builder);
    }

    /** Reads and imports a graph file. */
    public static ImportedComalGraph read(Path file) {
        String name = file.getFileName().toString().replaceFirst("\\.(proto\\.txt|pbtxt|txt|bin|pb)$", "");
        return fromProto(ComalGraphFile.read(file), file.toString(), name);
    }

    /** Imports a parsed graph; {@code source} names it in errors. */
    public static ImportedComalGraph fromProto(ComalGraph graph, String source, String name) {
        return new ComalGraphReader(source, name).convert(graph);
    }

    private ImportedComalGraph convert(ComalGraph graph) {
        if (!graph.hasGraph()) {
            throw UserError.of(file + ": the ComalGraph has no graph field, so there are no operations to run.");
        }
        List<Operation> operations = graph.getGraph().getOperatorsList();
        for (Operation operation : operations) {
            annotate(operation);
        }
        for (Operation operation : operations) {
            opId = operation.getId();
            opKind = operation.getOpCase().name().toLowerCase(Locale.ROOT);
            importOp(operation);
        }
        channels.checkComplete();
        List<OutputLayout> outputs = assignWriteLevels();
        SamGraph built;
        try {
            built = builder.build();
        } catch (IllegalStateException e) {
            throw UserError.of(file + ": the operations do not form a valid SAM graph: " + e.getMessage() + ".");
        }
        GraphInference inference = new GraphInference(built);
        SamGraph resolved = inference.resolve();
        return new ImportedComalGraph(file, resolved, inference.requirements(), outputs);
    }

    /** First pass: the index variable each channel carries, from producers that name one. */
    private void annotate(Operation operation) {
        switch (operation.getOpCase()) {
            case FIBER_LOOKUP -> {
                FiberLookup f = operation.getFiberLookup();
                note("crd", f.getOutputCrd().getId().getId(), f.getIndex());
                note("ref", f.getOutputRef().getId().getId(), f.getIndex());
            }
            case JOINER -> note("crd", operation.getJoiner().getOutputCrd().getId().getId(),
                    operation.getJoiner().getIndex());
            case SPACC -> {
                SparseAccumulator s = operation.getSpacc();
                note("crd", s.getOutputInnerCrd().getId().getId(), s.getInnerCrd());
                for (int i = 0; i < s.getOutputOuterCrdsCount() && i < s.getOuterCrdsCount(); i++) {
                    note("crd", s.getOutputOuterCrds(i).getId().getId(), s.getOuterCrds(i));
                }
            }
            default -> {
            }
        }
    }

    private void note(String namespace, long id, String indexVar) {
        if (id != 0 && !indexVar.isEmpty()) {
            varOfChannel.putIfAbsent(namespace + id, indexVar);
        }
    }

    private String varOf(CrdStream crd) {
        return varOfChannel.getOrDefault("crd" + crd.getId().getId(), "");
    }

    private void importOp(Operation operation) {
        switch (operation.getOpCase()) {
            case ROOT -> {
                String tensor = operation.getRoot().getTensor();
                if (tensor.isEmpty()) {
                    // The compiler never sets Generator.tensor; it names the tensor in the label "root <tensor>".
                    tensor = operation.getRoot().getLabel().replaceFirst("^root\\s*", "");
                }
                builder.add(new RootOp(tensor, out(StreamField.ref("output_ref", operation.getRoot().hasOutputRef(),
                        operation.getRoot().getOutputRef()))));
            }
            case FIBER_LOOKUP -> importFiberLookup(operation.getFiberLookup());
            case FIBER_WRITE -> {
                var w = operation.getFiberWrite();
                int in = in(StreamField.crd("input_crd", w.hasInputCrd(), w.getInputCrd()));
                builder.add(new FiberWriteOp(w.getTensor(), -1, w.getIndex(), in));
                fiberWrites.add(new PendingWrite(builder.ops().size() - 1, w.getTensor(), w.getIndex(), in, opId));
            }
            case VAL_WRITE -> {
                var w = operation.getValWrite();
                int in = in(StreamField.val("input_val", w.hasInputVal(), w.getInputVal()));
                builder.add(new ValueWriteOp(w.getTensor(), in));
                valueWriters.put(w.getTensor() + "#" + valueWriters.size(), builder.ops().size() - 1);
            }
            case REPEAT -> importRepeat(operation.getRepeat());
            case REPEATSIG -> {
                var r = operation.getRepeatsig();
                StreamField output = StreamField.repsig("output_rep_sig", r.hasOutputRepSig(), r.getOutputRepSig());
                if (!output.discards()) {
                    throw fail("writes repeat-signal stream " + output.id() + ", which no operation in the Comal "
                            + "schema can read (a repeat takes rep_ref or rep_val and builds its own signal generator)");
                }
                // A signal generator whose output is discarded only drains its crd input: a discarded stream.
                channels.consumed(StreamField.crd("input_crd", r.hasInputCrd(), r.getInputCrd()), opId, opKind);
            }
            case JOINER -> importJoiner(operation.getJoiner());
            case ALU -> importAlu(operation.getAlu());
            case REDUCE -> {
                Reduce r = operation.getReduce();
                ReduceKind kind = switch (r.getReduceType()) {
                    case ADD -> ReduceKind.ADD;
                    case MAX -> ReduceKind.MAX;
                    case ADDSUM -> ReduceKind.ADDSUM;
                    case UNRECOGNIZED -> throw fail("has reduce_type " + r.getReduceTypeValue()
                            + ", which is none of ADD, MAX, ADDSUM");
                };
                int in = in(StreamField.val("input_val", r.hasInputVal(), r.getInputVal()));
                builder.add(new ReduceOp(kind, "", in, out(StreamField.val("output_val", r.hasOutputVal(),
                        r.getOutputVal()))));
            }
            case COORD_HOLD -> {
                CoordHold h = operation.getCoordHold();
                int inOuter = in(StreamField.crd("input_outer_crd", h.hasInputOuterCrd(), h.getInputOuterCrd()));
                int inInner = in(StreamField.crd("input_inner_crd", h.hasInputInnerCrd(), h.getInputInnerCrd()));
                builder.add(new CrdHoldOp(varOf(h.getInputOuterCrd()), varOf(h.getInputInnerCrd()), inOuter, inInner,
                        out(StreamField.crd("output_outer_crd", h.hasOutputOuterCrd(), h.getOutputOuterCrd())),
                        out(StreamField.crd("output_inner_crd", h.hasOutputInnerCrd(), h.getOutputInnerCrd()))));
            }
            case COORD_DROP -> {
                CoordDrop d = operation.getCoordDrop();
                int inOuter = in(StreamField.crd("input_outer_crd", d.hasInputOuterCrd(), d.getInputOuterCrd()));
                int inInner = in(StreamField.crd("input_inner_crd", d.hasInputInnerCrd(), d.getInputInnerCrd()));
                String outer = d.getOuterCrd().isEmpty() ? varOf(d.getInputOuterCrd()) : d.getOuterCrd();
                String inner = d.getInnerCrd().isEmpty() ? varOf(d.getInputInnerCrd()) : d.getInnerCrd();
                builder.add(new CrdDropOp(outer, inner, inOuter, inInner,
                        out(StreamField.crd("output_outer_crd", d.hasOutputOuterCrd(), d.getOutputOuterCrd())),
                        out(StreamField.crd("output_inner_crd", d.hasOutputInnerCrd(), d.getOutputInnerCrd()))));
            }
            case ARRAY -> {
                ArrayVals a = operation.getArray();
                if (a.getTensor().isEmpty()) {
                    throw fail("has no tensor, so there are no values to load");
                }
                int in = in(StreamField.ref("input_ref", a.hasInputRef(), a.getInputRef()));
                builder.add(new ArrayOp(a.getTensor(), in,
                        out(StreamField.val("output_val", a.hasOutputVal(), a.getOutputVal()))));
            }
            case SPACC -> importSpacc(operation.getSpacc());
            case BROADCAST -> importBroadcast(operation.getBroadcast());
            case FORK -> importFork(operation.getFork());
            case JOIN -> importJoin(operation.getJoin());
            case LOCATE -> {
                Locate l = operation.getLocate();
                int inRef = in(StreamField.ref("input_ref", l.hasInputRef(), l.getInputRef()));
                int inCrd = in(StreamField.crd("input_crd", l.hasInputCrd(), l.getInputCrd()));
                // The dense tensor is found later, from the scan that its reference (output_ref1) feeds.
                builder.add(new LocateOp(varOf(l.getInputCrd()), "", inRef, inCrd,
                        out(StreamField.ref("output_ref1", l.hasOutputRef1(), l.getOutputRef1())),
                        out(StreamField.ref("output_ref2", l.hasOutputRef2(), l.getOutputRef2())),
                        out(StreamField.crd("output_crd", l.hasOutputCrd(), l.getOutputCrd()))));
            }
            case COORD_MASK, FUNC, GEN_REF, CONCAT -> throw UserError.of(file + ": operation " + opId + " ("
                    + opKind + ") is not supported, because Comal does not implement it", ACCEPTED);
            case OP_NOT_SET -> throw UserError.of(file + ": operation " + opId + " (" + operation.getName()
                    + ") has no op field set (an op this schema does not know, such as concat from a newer schema, "
                    + "reads as none)", ACCEPTED);
        }
    }

    private void importFiberLookup(FiberLookup f) {
        if (f.getTensor().isEmpty()) {
            throw fail("has no tensor, so there is no level to scan");
        }
        // Comal's rule: "compressed" reads seg/crd arrays, any other format is a dense level.
        LevelFormat format = f.getFormat().equals("compressed") ? LevelFormat.COMPRESSED : LevelFormat.DENSE;
        int in = in(StreamField.ref("input_ref", f.hasInputRef(), f.getInputRef()));
        int outCrd = out(StreamField.crd("output_crd", f.hasOutputCrd(), f.getOutputCrd()));
        int outRef = out(StreamField.ref("output_ref", f.hasOutputRef(), f.getOutputRef()));
        // The storage level is not in the message; GraphInference recovers it from the reference chain.
        builder.add(new FiberLookupOp(f.getTensor(), -1, Math.toIntExact(f.getMode()), format, f.getIndex(), in,
                outCrd, outRef));
    }

    private void importRepeat(Repeat r) {
        StreamField input = switch (r.getInputCase()) {
            case IN_REF -> StreamField.ref("in_ref", true, r.getInRef());
            case IN_VAL -> StreamField.val("in_val", true, r.getInVal());
            case INPUT_NOT_SET -> throw fail("has neither in_ref nor in_val");
        };
        StreamField output = switch (r.getOutputCase()) {
            case OUT_REF -> StreamField.ref("out_ref", true, r.getOutRef());
            case OUT_VAL -> StreamField.val("out_val", true, r.getOutVal());
            case OUTPUT_NOT_SET -> throw fail("has neither out_ref nor out_val");
        };
        StreamField signal = switch (r.getRepCase()) {
            case REP_REF -> StreamField.ref("rep_ref", true, r.getRepRef());
            case REP_VAL -> StreamField.val("rep_val", true, r.getRepVal());
            case REP_NOT_SET -> throw fail("has neither rep_ref nor rep_val to drive its repeat signal");
        };
        if (input.namespace() != output.namespace()) {
            throw fail("repeats " + input.field() + " into " + output.field() + ", but Comal repeats only in_ref to "
                    + "out_ref or in_val to out_val");
        }
        int in = in(input);
        int sig = in(signal);
        builder.add(new RepeatOp(r.getTensor(), r.getIndex(), in, sig, out(output)));
    }

    private void importJoiner(Joiner j) {
        if (j.getInputPairsCount() < 2) {
            throw fail("joins " + j.getInputPairsCount() + " input pair(s); a joiner needs at least two");
        }
        if (j.getOutputRefsCount() > j.getInputPairsCount()) {
            throw fail("has " + j.getOutputRefsCount() + " output_refs for " + j.getInputPairsCount() + " input_pairs");
        }
        List<Integer> inCrds = new ArrayList<>();
        List<Integer> inRefs = new ArrayList<>();
        for (int i = 0; i < j.getInputPairsCount(); i++) {
            JoinerInputPair pair = j.getInputPairs(i);
            inCrds.add(in(StreamField.crd("input_pairs[" + i + "].crd", pair.hasCrd(), pair.getCrd())));
            inRefs.add(in(payload("input_pairs[" + i + "].in_ref", pair.hasInRef(), pair.getInRef())));
        }
        int outCrd = out(StreamField.crd("output_crd", j.hasOutputCrd(), j.getOutputCrd()));
        List<Integer> outRefs = new ArrayList<>();
        for (int i = 0; i < j.getInputPairsCount(); i++) {
            // A missing trailing output ref is a discarded one, of the kind of the matching input.
            boolean present = i < j.getOutputRefsCount();
            StreamField field = present ? payload("output_refs[" + i + "]", true, j.getOutputRefs(i))
                    : new StreamField("output_refs[" + i + "]", StreamNamespace.of(builder.streamInfo(inRefs.get(i))
                            .kind()), false, false, 0);
            outRefs.add(out(field));
        }
        switch (j.getJoinType()) {
            case INTERSECT -> builder.add(new IntersectOp(j.getIndex(), inCrds, inRefs, outCrd, outRefs));
            case UNION -> builder.add(new UnionOp(j.getIndex(), inCrds, inRefs, outCrd, outRefs));
            case UNRECOGNIZED -> throw fail("has join_type " + j.getJoinTypeValue()
                    + ", which is neither INTERSECT nor UNION");
        }
    }

    private StreamField payload(String field, boolean present, Payload payload) {
        return switch (payload.getStreamCase()) {
            case REF_STREAM -> StreamField.ref(field + ".ref_stream", present, payload.getRefStream());
            case VAL_STREAM -> StreamField.val(field + ".val_stream", present, payload.getValStream());
            case STREAM_NOT_SET -> new StreamField(field, StreamNamespace.REF, false, false, 0);
        };
    }

    private void importAlu(ALU alu) {
        if (alu.getConnCase() != ALU.ConnCase.VALS) {
            throw fail(alu.getConnCase() == ALU.ConnCase.CRDS ? "computes on crds, which Comal does not implement"
                    : "has no vals connections");
        }
        if (alu.getStagesCount() == 0) {
            throw fail("has no stages, so no operation (Comal reads stages[0].op)");
        }
        ALU.ALUOp op = alu.getStages(0).getOp();
        List<ValStream> inputs = alu.getVals().getInputsList();
        ValStream output = alu.getVals().getOutput();
        if (inputs.size() == 2) {
            BinaryOp binary = switch (op) {
                case ADD -> BinaryOp.ADD;
                case SUB -> BinaryOp.SUB;
                case MUL -> BinaryOp.MUL;
                case DIV -> BinaryOp.DIV;
                case ELEMMUL -> BinaryOp.ELEMMUL;
                case MAX -> BinaryOp.MAX;
                default -> throw UserError.of(file + ": operation " + opId + " (alu) applies " + op
                        + " to two inputs, which has no two-input form", List.of("ADD", "SUB", "MUL", "DIV", "ELEMMUL",
                        "MAX"));
            };
            int a = in(StreamField.val("vals.inputs[0]", true, inputs.get(0)));
            int b = in(StreamField.val("vals.inputs[1]", true, inputs.get(1)));
            builder.add(new BinaryAluOp(binary, a, b, out(StreamField.val("vals.output", alu.getVals().hasOutput(),
                    output))));
        } else if (inputs.size() == 1) {
            UnaryOp unary = switch (op) {
                case EXP -> UnaryOp.EXP;
                case SIN -> UnaryOp.SIN;
                case COS -> UnaryOp.COS;
                case MAX -> UnaryOp.MAX_SCALAR;
                case SCALARADD -> UnaryOp.SCALAR_ADD;
                case SCALARMUL -> UnaryOp.SCALAR_MUL;
                case SCALARDIV -> UnaryOp.SCALAR_DIV;
                case RSQRT -> UnaryOp.RSQRT;
                case SIGMOID -> UnaryOp.SIGMOID;
                default -> throw UserError.of(file + ": operation " + opId + " (alu) applies " + op
                        + " to one input, which has no one-input form", List.of("EXP", "SIN", "COS", "MAX",
                        "SCALARADD", "SCALARMUL", "SCALARDIV", "RSQRT", "SIGMOID"));
            };
            int a = in(StreamField.val("vals.inputs[0]", true, inputs.get(0)));
            // Comal casts the double scalar to f32.
            builder.add(new UnaryAluOp(unary, (float) alu.getScalar(), a,
                    out(StreamField.val("vals.output", alu.getVals().hasOutput(), output))));
        } else {
            throw fail("has " + inputs.size() + " value inputs; Comal builds an ALU from one or two");
        }
    }

    private void importSpacc(SparseAccumulator s) {
        int order = (int) s.getOrder();
        if (order != 1 && order != 2) {
            throw UserError.of(file + ": operation " + opId + " (spacc) has order " + s.getOrder()
                    + ", which Comal cannot build", List.of("order 1", "order 2"));
        }
        if (s.getInputOuterCrdsCount() < order) {
            throw fail("has order " + order + " but " + s.getInputOuterCrdsCount() + " input_outer_crds");
        }
        int inInner = in(StreamField.crd("input_inner_crd", s.hasInputInnerCrd(), s.getInputInnerCrd()));
        int inVal = in(StreamField.val("input_val", s.hasInputVal(), s.getInputVal()));
        String inner = s.getInnerCrd().isEmpty() ? varOf(s.getInputInnerCrd()) : s.getInnerCrd();
        if (order == 1) {
            CrdStream reduced = s.getInputOuterCrds(0);
            int inOuter = in(StreamField.crd("input_outer_crds[0]", true, reduced));
            builder.add(new SpaccOp(inner, varOf(reduced), inOuter, inInner, inVal,
                    out(StreamField.crd("output_inner_crd", s.hasOutputInnerCrd(), s.getOutputInnerCrd())),
                    out(StreamField.val("output_val", s.hasOutputVal(), s.getOutputVal()))));
        } else {
            // Comal's Spacc2: crd1 (kept) = input_outer_crds[0], crd2 (reduced) = input_outer_crds[1].
            CrdStream kept = s.getInputOuterCrds(0);
            CrdStream reduced = s.getInputOuterCrds(1);
            int inKept = in(StreamField.crd("input_outer_crds[0]", true, kept));
            int inReduced = in(StreamField.crd("input_outer_crds[1]", true, reduced));
            String keptVar = s.getOuterCrdsCount() > 0 ? s.getOuterCrds(0) : varOf(kept);
            StreamField outKept = s.getOutputOuterCrdsCount() > 0
                    ? StreamField.crd("output_outer_crds[0]", true, s.getOutputOuterCrds(0))
                    : new StreamField("output_outer_crds[0]", StreamNamespace.CRD, false, false, 0);
            builder.add(new Spacc2Op(inner, keptVar, varOf(reduced), inReduced, inKept, inInner, inVal, out(outKept),
                    out(StreamField.crd("output_inner_crd", s.hasOutputInnerCrd(), s.getOutputInnerCrd())),
                    out(StreamField.val("output_val", s.hasOutputVal(), s.getOutputVal()))));
        }
    }

    private void importBroadcast(Broadcast b) {
        switch (b.getConnCase()) {
            case CRD -> builder.add(new BroadcastOp(in(StreamField.crd("crd.input", b.getCrd().hasInput(),
                    b.getCrd().getInput())), crdOuts("crd.outputs", b.getCrd().getOutputsList())));
            case REF -> builder.add(new BroadcastOp(in(StreamField.ref("ref.input", b.getRef().hasInput(),
                    b.getRef().getInput())), refOuts("ref.outputs", b.getRef().getOutputsList())));
            case VAL -> builder.add(new BroadcastOp(in(StreamField.val("val.input", b.getVal().hasInput(),
                    b.getVal().getInput())), valOuts("val.outputs", b.getVal().getOutputsList())));
            case CONN_NOT_SET -> throw fail("has no crd, ref or val bundle");
        }
    }

    private void importFork(Fork f) {
        switch (f.getConnCase()) {
            case CRD -> builder.add(new ForkOp(in(StreamField.crd("crd.input", f.getCrd().hasInput(),
                    f.getCrd().getInput())), crdOuts("crd.outputs", f.getCrd().getOutputsList())));
            case REF -> builder.add(new ForkOp(in(StreamField.ref("ref.input", f.getRef().hasInput(),
                    f.getRef().getInput())), refOuts("ref.outputs", f.getRef().getOutputsList())));
            case VAL -> builder.add(new ForkOp(in(StreamField.val("val.input", f.getVal().hasInput(),
                    f.getVal().getInput())), valOuts("val.outputs", f.getVal().getOutputsList())));
            case CONN_NOT_SET -> throw fail("has no crd, ref or val bundle");
        }
    }

    private void importJoin(Join j) {
        switch (j.getConnCase()) {
            case CRD -> {
                List<Integer> ins = new ArrayList<>();
                for (int i = 0; i < j.getCrd().getInputsCount(); i++) {
                    ins.add(in(StreamField.crd("crd.inputs[" + i + "]", true, j.getCrd().getInputs(i))));
                }
                builder.add(new JoinOp(ins, out(StreamField.crd("crd.output", j.getCrd().hasOutput(),
                        j.getCrd().getOutput()))));
            }
            case REF -> {
                List<Integer> ins = new ArrayList<>();
                for (int i = 0; i < j.getRef().getInputsCount(); i++) {
                    ins.add(in(StreamField.ref("ref.inputs[" + i + "]", true, j.getRef().getInputs(i))));
                }
                builder.add(new JoinOp(ins, out(StreamField.ref("ref.output", j.getRef().hasOutput(),
                        j.getRef().getOutput()))));
            }
            case VAL -> {
                List<Integer> ins = new ArrayList<>();
                for (int i = 0; i < j.getVal().getInputsCount(); i++) {
                    ins.add(in(StreamField.val("val.inputs[" + i + "]", true, j.getVal().getInputs(i))));
                }
                builder.add(new JoinOp(ins, out(StreamField.val("val.output", j.getVal().hasOutput(),
                        j.getVal().getOutput()))));
            }
            case CONN_NOT_SET -> throw fail("has no crd, ref or val bundle");
        }
    }

    private List<Integer> crdOuts(String field, List<CrdStream> outputs) {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            ids.add(out(StreamField.crd(field + "[" + i + "]", true, outputs.get(i))));
        }
        return checkFanOut(ids);
    }

    private List<Integer> refOuts(String field, List<RefStream> outputs) {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            ids.add(out(StreamField.ref(field + "[" + i + "]", true, outputs.get(i))));
        }
        return checkFanOut(ids);
    }

    private List<Integer> valOuts(String field, List<ValStream> outputs) {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            ids.add(out(StreamField.val(field + "[" + i + "]", true, outputs.get(i))));
        }
        return checkFanOut(ids);
    }

    private List<Integer> checkFanOut(List<Integer> outputs) {
        if (outputs.isEmpty()) {
            throw fail("has no outputs");
        }
        return outputs;
    }

    /** Groups the fiber writes into output tensors and gives each its level. */
    private List<OutputLayout> assignWriteLevels() {
        List<String> names = new ArrayList<>();
        for (var entry : valueWriters.entrySet()) {
            String tensor = entry.getKey().substring(0, entry.getKey().lastIndexOf('#'));
            String name = tensor.isEmpty() ? (valueWriters.size() == 1 ? DEFAULT_OUTPUT
                    : DEFAULT_OUTPUT + names.size()) : tensor;
            if (names.contains(name)) {
                throw UserError.of(file + ": two val_write operations write tensor '" + name
                        + "'; each output tensor has one value writer.");
            }
            names.add(name);
            int index = entry.getValue();
            ValueWriteOp write = (ValueWriteOp) builder.ops().get(index);
            builder.replace(index, new ValueWriteOp(name, write.inVal()));
        }
        Map<String, List<PendingWrite>> byOutput = new LinkedHashMap<>();
        for (String name : names) {
            byOutput.put(name, new ArrayList<>());
        }
        if (names.isEmpty() && !fiberWrites.isEmpty()) {
            // Coordinates written with no value writer: kept as writers of "out", but no tensor to assemble.
            names.add(DEFAULT_OUTPUT);
            byOutput.put(DEFAULT_OUTPUT, new ArrayList<>());
        }
        for (PendingWrite write : fiberWrites) {
            String owner;
            if (names.contains(write.tensor())) {
                owner = write.tensor();
            } else if (names.size() == 1) {
                // The compiler writes the scanned input's name here, not the output's; one output takes all.
                owner = names.get(0);
            } else {
                throw UserError.of(file + ": fiber_write operation " + write.opId() + " names tensor '"
                        + write.tensor() + "', which matches none of the " + names.size()
                        + " val_write outputs " + names + ".");
            }
            byOutput.get(owner).add(write);
        }
        List<OutputLayout> outputs = new ArrayList<>();
        for (var entry : byOutput.entrySet()) {
            List<PendingWrite> writes = entry.getValue();
            if (writes.stream().allMatch(w -> w.indexVar().matches("d\\d+"))) {
                writes.sort((a, b) -> Integer.compare(Integer.parseInt(a.indexVar().substring(1)),
                        Integer.parseInt(b.indexVar().substring(1))));
            }
            List<String> vars = new ArrayList<>();
            for (int level = 0; level < writes.size(); level++) {
                PendingWrite write = writes.get(level);
                builder.replace(write.opIndex(), new FiberWriteOp(entry.getKey(), level, write.indexVar(),
                        write.inCrd()));
                vars.add(write.indexVar());
            }
            if (!valueWriters.isEmpty()) {
                outputs.add(new OutputLayout(entry.getKey(), vars));
            }
        }
        return outputs;
    }

    private int in(StreamField field) {
        return channels.consumed(field, opId, opKind);
    }

    private int out(StreamField field) {
        return channels.produced(field, opId, opKind);
    }

    private UserError fail(String predicate) {
        return UserError.of(file + ": operation " + opId + " (" + opKind + ") " + predicate + ".");
    }
}
