package dev.fuseflow.simulator.engine;

import dev.fuseflow.simulator.engine.primitive.ArrayLoad;
import dev.fuseflow.simulator.engine.primitive.BinaryAlu;
import dev.fuseflow.simulator.engine.primitive.Broadcast;
import dev.fuseflow.simulator.engine.primitive.CompressedFiberLookup;
import dev.fuseflow.simulator.engine.primitive.CrdDrop;
import dev.fuseflow.simulator.engine.primitive.CrdHold;
import dev.fuseflow.simulator.engine.primitive.DrivenReduce;
import dev.fuseflow.simulator.engine.primitive.FiberDrop;
import dev.fuseflow.simulator.engine.primitive.CrdMask;
import dev.fuseflow.simulator.engine.primitive.DenseFiberLookup;
import dev.fuseflow.simulator.engine.primitive.FiberWrite;
import dev.fuseflow.simulator.engine.primitive.Fork;
import dev.fuseflow.simulator.engine.primitive.Intersect;
import dev.fuseflow.simulator.engine.primitive.Join;
import dev.fuseflow.simulator.engine.primitive.OrderedJoin;
import dev.fuseflow.simulator.engine.primitive.Locate;
import dev.fuseflow.simulator.engine.primitive.Reduce;
import dev.fuseflow.simulator.engine.primitive.Repeat;
import dev.fuseflow.simulator.engine.primitive.RepeatSignalGenerator;
import dev.fuseflow.simulator.engine.primitive.Root;
import dev.fuseflow.simulator.engine.primitive.Spacc1;
import dev.fuseflow.simulator.engine.primitive.Spacc2;
import dev.fuseflow.simulator.engine.primitive.StopDropper;
import dev.fuseflow.simulator.engine.primitive.UnaryAlu;
import dev.fuseflow.simulator.engine.primitive.Union;
import dev.fuseflow.simulator.engine.primitive.ValueWrite;
import dev.fuseflow.simulator.graph.ArrayOp;
import dev.fuseflow.simulator.graph.BinaryAluOp;
import dev.fuseflow.simulator.graph.BroadcastOp;
import dev.fuseflow.simulator.graph.CrdDropOp;
import dev.fuseflow.simulator.graph.CrdHoldOp;
import dev.fuseflow.simulator.graph.DrivenReduceOp;
import dev.fuseflow.simulator.graph.FiberDropOp;
import dev.fuseflow.simulator.graph.CrdMaskOp;
import dev.fuseflow.simulator.graph.FiberLookupOp;
import dev.fuseflow.simulator.graph.FiberWriteOp;
import dev.fuseflow.simulator.graph.ForkOp;
import dev.fuseflow.simulator.graph.IntersectOp;
import dev.fuseflow.simulator.graph.JoinOp;
import dev.fuseflow.simulator.graph.OrderedJoinOp;
import dev.fuseflow.simulator.graph.LocateOp;
import dev.fuseflow.simulator.graph.OutputSpec;
import dev.fuseflow.simulator.graph.ReduceKind;
import dev.fuseflow.simulator.graph.ReduceOp;
import dev.fuseflow.simulator.graph.RepeatOp;
import dev.fuseflow.simulator.graph.RootOp;
import dev.fuseflow.simulator.graph.SamGraph;
import dev.fuseflow.simulator.graph.SamOp;
import dev.fuseflow.simulator.graph.Spacc2Op;
import dev.fuseflow.simulator.graph.SpaccOp;
import dev.fuseflow.simulator.graph.StopDropperOp;
import dev.fuseflow.simulator.graph.StreamKind;
import dev.fuseflow.simulator.graph.UnaryAluOp;
import dev.fuseflow.simulator.graph.UnionOp;
import dev.fuseflow.simulator.graph.ValueWriteOp;
import dev.fuseflow.simulator.memory.MemoryModel;
import dev.fuseflow.simulator.stats.Statistics;
import dev.fuseflow.simulator.tensor.BlockTensor;
import dev.fuseflow.simulator.tensor.CompressedLevel;
import dev.fuseflow.simulator.tensor.DenseLevel;
import dev.fuseflow.simulator.tensor.FiberTensor;
import dev.fuseflow.simulator.tensor.Level;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Runs a {@link SamGraph} on input tensors under the options' timing profile and memory model: builds one
 * primitive per op (two for a repeat: its signal generator and the repeater, as Comal does), one channel
 * per stream, a fresh memory model with its client ports registered in op order (Comal's protobuf
 * operator order), steps them to completion and assembles the written output tensors.
 *
 * <p>The value mode ({@link EngineOptions#values()}) sets the latencies of arrays, ALUs and reductions
 * ({@link ValueMode}); in true-block mode the inputs are {@link BlockTensor}s, every value stream carries
 * tiles of one {@link TilePool} and the outputs are block tensors ({@link #simulateBlocks}).
 */
public final class Simulator {
    private final EngineOptions options;

    public Simulator(EngineOptions options) {
        this.options = options;
    }

    public Simulator() {
        this(EngineOptions.DEFAULT);
    }

    /**
     * Simulates the graph; input tensors are looked up by the names the ops use. Scalar and block-timing
     * modes only: true-block mode needs {@link #simulateBlocks}.
     */
    public SimulationResult simulate(SamGraph graph, Map<String, FiberTensor> inputs, BooleanSupplier cancelled) {
        return simulate(graph, inputs, cancelled, ProgressListener.NONE, graph.name());
    }

    /**
     * As {@link #simulate(SamGraph, Map, BooleanSupplier)}, telling {@code progress} the token steps done
     * under {@code label} every {@link Simulation#PROGRESS_EVERY} steps or so.
     */
    public SimulationResult simulate(SamGraph graph, Map<String, FiberTensor> inputs, BooleanSupplier cancelled,
            ProgressListener progress, String label) {
        if (options.values() == ValueMode.TRUE_BLOCK) {
            throw new IllegalStateException("true-block mode runs on block tensors: call simulateBlocks");
        }
        return run(graph, inputs, null, cancelled, progress, label);
    }

    /**
     * Simulates the graph in true-block mode on block tensors of the options' block size; the result's
     * {@link SimulationResult#blockOutputs()} holds the written block tensors.
     */
    public SimulationResult simulateBlocks(SamGraph graph, Map<String, BlockTensor> inputs, BooleanSupplier cancelled) {
        if (options.values() != ValueMode.TRUE_BLOCK) {
            throw new IllegalStateException("block tensors need the value mode true-block, not " + options.values());
        }
        Map<String, FiberTensor> patterns = new LinkedHashMap<>();
        inputs.forEach((name, tensor) -> {
            if (tensor.blockSize() != options.blockSize()) {
                throw new SimulationException("block tensor '" + name + "' has " + tensor.blockSize() + "x"
                        + tensor.blockSize() + " blocks, but the run uses block size " + options.blockSize());
            }
            patterns.put(name, tensor.pattern());
        });
        return run(graph, patterns, inputs, cancelled, ProgressListener.NONE, graph.name());
    }

    private SimulationResult run(SamGraph graph, Map<String, FiberTensor> inputs, Map<String, BlockTensor> blocks,
            BooleanSupplier cancelled, ProgressListener progress, String label) {
        long start = System.nanoTime();
        Wiring wiring = new Wiring(graph, inputs, blocks);
        Simulation simulation = new Simulation(wiring.primitives, wiring.channels, wiring.ports);
        long tokens = simulation.run(options, cancelled, progress, label);
        List<PrimitiveStats> stats = new ArrayList<>();
        for (Primitive primitive : wiring.primitives) {
            stats.add(primitive.stats());
        }
        Map<String, FiberTensor> outputs = new LinkedHashMap<>();
        Map<String, BlockTensor> blockOutputs = new LinkedHashMap<>();
        for (OutputSpec spec : graph.outputs()) {
            FiberTensor written = wiring.assemble(spec);
            if (blocks == null) {
                outputs.put(spec.tensor(), written);
            } else {
                blockOutputs.put(spec.tensor(), BlockTensor.of(written, options.blockSize(),
                        wiring.valueWriters.get(spec.tensor()).values()));
            }
        }
        long wall = System.nanoTime() - start;
        MemoryModel memory = wiring.memory;
        Statistics statistics = Statistics.of(stats, memory == null ? 0 : memory.bytesRead(),
                memory == null ? 0 : memory.bytesWritten(), tokens);
        return new SimulationResult(graph.name(), statistics, stats, outputs, blockOutputs, wall);
    }

    /** Primitives and channels for one graph, in the graph's topological order. */
    private final class Wiring {
        final List<Primitive> primitives = new ArrayList<>();
        final List<Channel> channels = new ArrayList<>();
        final Map<Integer, Channel> byStream = new HashMap<>();
        final Map<String, FiberWrite> fiberWriters = new HashMap<>();
        final Map<String, ValueWrite> valueWriters = new HashMap<>();
        final SamGraph graph;
        final Map<String, FiberTensor> inputs;
        final MemoryModel memory = options.memory().create();
        final List<MemoryPort> ports = new ArrayList<>();
        final ValueMode mode = options.values();
        final int b = options.blockSize();
        /** True-block mode: the input tiles and every tile made during the run; else null. */
        final TilePool tiles;
        final Map<String, BlockTensor> blocks;
        /** True-block mode: the pinned slot of each input block tensor's first tile. */
        final Map<String, Integer> firstTile = new HashMap<>();

        Wiring(SamGraph graph, Map<String, FiberTensor> inputs, Map<String, BlockTensor> blocks) {
            this.graph = graph;
            this.inputs = inputs;
            this.blocks = blocks;
            this.tiles = blocks == null ? null : new TilePool(b);
            if (tiles != null) {
                for (BlockTensor tensor : blocks.values()) {
                    firstTile.put(tensor.name(), tiles.pin(tensor.tiles(), tensor.blockCount()));
                }
            }
            for (var stream : graph.streams().values()) {
                Channel channel = graph.consumerOf(stream.id()) < 0 ? Channel.discarding(stream.name())
                        : new Channel(stream.name(), options.softLimit());
                if (tiles != null && stream.kind() == StreamKind.VAL) {
                    channel.carryTiles(tiles);
                }
                byStream.put(stream.id(), channel);
                channels.add(channel);
            }
            for (int index : graph.topologicalOrder()) {
                build(graph.ops().get(index), index);
            }
        }

        private Channel ch(int stream) {
            return byStream.get(stream);
        }

        private Channel[] chs(List<Integer> streams) {
            return streams.stream().map(this::ch).toArray(Channel[]::new);
        }

        /** A memory port of the op's primitive, or null without a memory model. */
        private MemoryPort port(String name, boolean writer) {
            if (memory == null) {
                return null;
            }
            MemoryPort port = new MemoryPort(memory, name, writer);
            ports.add(port);
            return port;
        }

        private FiberTensor tensor(String name, SamOp op) {
            FiberTensor tensor = inputs.get(name);
            if (tensor == null) {
                throw new SimulationException(op.label() + " reads tensor '" + name + "', which was not supplied (have "
                        + inputs.keySet() + ")");
            }
            return tensor;
        }

        private void build(SamOp op, int index) {
            String name = index + ":" + op.label();
            if (op instanceof RootOp root) {
                primitives.add(new Root(name, ch(root.outRef())));
            } else if (op instanceof FiberLookupOp lookup) {
                Level level = tensor(lookup.tensor(), op).level(lookup.level());
                if (level instanceof CompressedLevel compressed) {
                    primitives.add(new CompressedFiberLookup(name, compressed.seg(), compressed.crd(),
                            ch(lookup.inRef()), ch(lookup.outCrd()), ch(lookup.outRef()), port(name + ".seg", false),
                            port(name + ".crd", false)));
                } else {
                    primitives.add(new DenseFiberLookup(name, ((DenseLevel) level).size(), ch(lookup.inRef()),
                            ch(lookup.outCrd()), ch(lookup.outRef())));
                }
            } else if (op instanceof RepeatOp repeat) {
                Channel signals = new Channel(name + ".signals", options.softLimit());
                channels.add(signals);
                primitives.add(new RepeatSignalGenerator(name + ".siggen", ch(repeat.signalSource()), signals));
                primitives.add(new Repeat(name, ch(repeat.inRef()), signals, ch(repeat.outRef())));
            } else if (op instanceof IntersectOp intersect) {
                primitives.add(new Intersect(name, chs(intersect.inCrds()), chs(intersect.inRefs()),
                        ch(intersect.outCrd()), chs(intersect.outRefs())));
            } else if (op instanceof LocateOp locate) {
                primitives.add(new Locate(name, ch(locate.inRef()), ch(locate.inCrd()), ch(locate.outDenseRef()),
                        ch(locate.outSparseRef()), ch(locate.outCrd())));
            } else if (op instanceof ArrayOp array) {
                FiberTensor tensor = tensor(array.tensor(), op);
                if (tiles == null) {
                    primitives.add(new ArrayLoad(name, tensor.values(), b, ch(array.inRef()), ch(array.outVal()),
                            port(name, false)));
                } else {
                    primitives.add(ArrayLoad.ofTiles(name, firstTile.get(array.tensor()), tensor.storedCount(),
                            mode.arrayLatency(b), ch(array.inRef()), ch(array.outVal()), port(name, false)));
                }
            } else if (op instanceof BinaryAluOp alu) {
                primitives.add(new BinaryAlu(name, alu.op(), mode.binaryLatency(alu.op(), b),
                        mode.binaryInterval(alu.op(), b), tiles, ch(alu.in1()), ch(alu.in2()), ch(alu.out())));
            } else if (op instanceof ReduceOp reduce) {
                if (tiles != null && reduce.reduction() == ReduceKind.ADDSUM) {
                    throw new SimulationException(op.label() + " is an ADDSUM reduction, which true-block mode does "
                            + "not model (Comal sums the tile along an axis); use ADD or the scalar modes");
                }
                boolean max = reduce.reduction() == ReduceKind.MAX;
                primitives.add(new Reduce(name, max, mode.reduceLatency(b), reduce.skipsEmpty(), tiles,
                        ch(reduce.in()), ch(reduce.out())));
            } else if (op instanceof DrivenReduceOp reduce) {
                if (reduce.reduction() == ReduceKind.ADDSUM) {
                    throw new SimulationException(op.label() + " is an ADDSUM reduction, which a driven reduce does "
                            + "not model; use ADD or MAX");
                }
                primitives.add(new DrivenReduce(name, reduce.reduction() == ReduceKind.MAX, mode.reduceLatency(b),
                        tiles, ch(reduce.inOuterCrd()), ch(reduce.in()), ch(reduce.out())));
            } else if (op instanceof SpaccOp spacc) {
                primitives.add(new Spacc1(name, tiles, ch(spacc.inOuterCrd()), ch(spacc.inInnerCrd()),
                        ch(spacc.inVal()), ch(spacc.outInnerCrd()), ch(spacc.outVal())));
            } else if (op instanceof BroadcastOp broadcast) {
                primitives.add(new Broadcast(name, ch(broadcast.in()), chs(broadcast.outs())));
            } else if (op instanceof FiberWriteOp write) {
                FiberWrite writer = new FiberWrite(name, ch(write.inCrd()), port(name + ".crd", true),
                        port(name + ".seg", true));
                fiberWriters.put(write.tensor() + "#" + write.level(), writer);
                primitives.add(writer);
            } else if (op instanceof ValueWriteOp write) {
                ValueWrite writer = new ValueWrite(name, tiles, ch(write.inVal()), port(name, true));
                valueWriters.put(write.tensor(), writer);
                primitives.add(writer);
            } else if (op instanceof UnionOp union) {
                primitives.add(new Union(name, chs(union.inCrds()), chs(union.inRefs()), ch(union.outCrd()),
                        chs(union.outRefs())));
            } else if (op instanceof UnaryAluOp alu) {
                primitives.add(new UnaryAlu(name, alu.op(), alu.scalar(), mode.unaryLatency(b), tiles, ch(alu.in()),
                        ch(alu.out())));
            } else if (op instanceof Spacc2Op spacc) {
                primitives.add(new Spacc2(name, tiles, ch(spacc.inReducedCrd()), ch(spacc.inKeptCrd()),
                        ch(spacc.inInnerCrd()), ch(spacc.inVal()), ch(spacc.outKeptCrd()), ch(spacc.outInnerCrd()),
                        ch(spacc.outVal())));
            } else if (op instanceof CrdDropOp drop) {
                primitives.add(new CrdDrop(name, ch(drop.inOuterCrd()), ch(drop.inInnerCrd()), ch(drop.outOuterCrd()),
                        ch(drop.outInnerCrd())));
            } else if (op instanceof FiberDropOp drop) {
                primitives.add(new FiberDrop(name, ch(drop.inOuterCrd()), ch(drop.inInnerCrd()), ch(drop.inPayload()),
                        ch(drop.outOuterCrd()), ch(drop.outInnerCrd()), ch(drop.outPayload())));
            } else if (op instanceof CrdHoldOp hold) {
                primitives.add(new CrdHold(name, ch(hold.inOuterCrd()), ch(hold.inInnerCrd()), ch(hold.outOuterCrd()),
                        ch(hold.outInnerCrd())));
            } else if (op instanceof CrdMaskOp mask) {
                primitives.add(new CrdMask(name, mask.predicate(), ch(mask.inOuterCrd()), ch(mask.inInnerCrd()),
                        ch(mask.inInnerRef()), ch(mask.outOuterCrd()), ch(mask.outInnerCrd()), ch(mask.outInnerRef())));
            } else if (op instanceof StopDropperOp dropper) {
                primitives.add(new StopDropper(name, ch(dropper.in()), ch(dropper.out())));
            } else if (op instanceof ForkOp fork) {
                primitives.add(new Fork(name, ch(fork.in()), chs(fork.outs())));
            } else if (op instanceof JoinOp join) {
                primitives.add(new Join(name, chs(join.ins()), ch(join.out())));
            } else if (op instanceof OrderedJoinOp join) {
                primitives.add(new OrderedJoin(name, ch(join.control()), chs(join.ins()), join.depth(),
                        ch(join.out())));
            } else {
                throw new IllegalStateException("no primitive for " + op.kind());
            }
        }

        FiberTensor assemble(OutputSpec spec) {
            int rank = spec.shape().size();
            List<Level> levels = new ArrayList<>();
            for (int depth = 0; depth < rank; depth++) {
                FiberWrite writer = fiberWriters.get(spec.tensor() + "#" + depth);
                if (writer == null) {
                    throw new SimulationException("output '" + spec.tensor() + "' has no writer for level " + depth);
                }
                levels.add(new CompressedLevel(writer.seg(), writer.crd()));
            }
            ValueWrite values = valueWriters.get(spec.tensor());
            if (values == null) {
                throw new SimulationException("output '" + spec.tensor() + "' has no value writer");
            }
            int[] shape = spec.shape().stream().mapToInt(Integer::intValue).toArray();
            int[] modeOrder = spec.modeOrder().stream().mapToInt(Integer::intValue).toArray();
            float[] written = values.values();
            if (tiles != null) {
                // The block pattern: one 1 per written tile (the tiles themselves go to the BlockTensor).
                written = new float[written.length / tiles.tileSize()];
                Arrays.fill(written, 1f);
            }
            try {
                return new FiberTensor(spec.tensor(), shape, modeOrder, levels, written);
            } catch (IllegalArgumentException e) {
                throw new SimulationException("the streams written for output '" + spec.tensor()
                        + "' do not form a tensor: " + e.getMessage());
            }
        }
    }
}
