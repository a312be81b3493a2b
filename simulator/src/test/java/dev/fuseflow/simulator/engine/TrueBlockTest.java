package dev.fuseflow.simulator.engine;

import static dev.fuseflow.simulator.engine.TokenStreams.empty;
import static dev.fuseflow.simulator.engine.TokenStreams.runToEnd;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuseflow.simulator.engine.primitive.ArrayLoad;
import dev.fuseflow.simulator.engine.primitive.BinaryAlu;
import dev.fuseflow.simulator.engine.primitive.Broadcast;
import dev.fuseflow.simulator.engine.primitive.Reduce;
import dev.fuseflow.simulator.engine.primitive.Repeat;
import dev.fuseflow.simulator.engine.primitive.UnaryAlu;
import dev.fuseflow.simulator.engine.primitive.ValueWrite;
import dev.fuseflow.simulator.graph.ArrayOp;
import dev.fuseflow.simulator.graph.BinaryAluOp;
import dev.fuseflow.simulator.graph.BinaryOp;
import dev.fuseflow.simulator.graph.BroadcastOp;
import dev.fuseflow.simulator.graph.FiberLookupOp;
import dev.fuseflow.simulator.graph.FiberWriteOp;
import dev.fuseflow.simulator.graph.IntersectOp;
import dev.fuseflow.simulator.graph.OutputSpec;
import dev.fuseflow.simulator.graph.ReduceKind;
import dev.fuseflow.simulator.graph.ReduceOp;
import dev.fuseflow.simulator.graph.RepeatOp;
import dev.fuseflow.simulator.graph.RootOp;
import dev.fuseflow.simulator.graph.SamGraph;
import dev.fuseflow.simulator.graph.SpaccOp;
import dev.fuseflow.simulator.graph.StreamKind;
import dev.fuseflow.simulator.graph.UnaryAluOp;
import dev.fuseflow.simulator.graph.UnaryOp;
import dev.fuseflow.simulator.graph.UnionOp;
import dev.fuseflow.simulator.graph.ValueWriteOp;
import dev.fuseflow.simulator.tensor.BlockTensor;
import dev.fuseflow.simulator.tensor.LevelFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * True-block mode (comal-timing-model.md §4.4, §5): b×b tiles flow through hand-built SpMM-like graphs and
 * the results match a dense reference; the tile latencies; and every tile a run makes is given back.
 */
class TrueBlockTest {
    private static final List<LevelFormat> CC = List.of(LevelFormat.COMPRESSED, LevelFormat.COMPRESSED);
    private static final List<LevelFormat> DC = List.of(LevelFormat.DENSE, LevelFormat.COMPRESSED);
    private static final List<LevelFormat> DD = List.of(LevelFormat.DENSE, LevelFormat.DENSE);

    /** A rows×cols matrix whose b×b blocks are all zero with probability {@code emptyBlocks}. */
    static float[] blockSparse(int rows, int cols, int b, double emptyBlocks, Random random) {
        float[] m = new float[rows * cols];
        for (int bi = 0; bi * b < rows; bi++) {
            for (int bj = 0; bj * b < cols; bj++) {
                if (random.nextDouble() < emptyBlocks) {
                    continue;
                }
                for (int i = bi * b; i < Math.min(rows, bi * b + b); i++) {
                    for (int j = bj * b; j < Math.min(cols, bj * b + b); j++) {
                        m[i * cols + j] = random.nextInt(7) - 3;
                    }
                }
            }
        }
        return m;
    }

    static double[] matmul(float[] a, float[] x, int n, int k, int m) {
        double[] y = new double[n * m];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < k; p++) {
                for (int j = 0; j < m; j++) {
                    y[i * m + j] += a[i * k + p] * x[p * m + j];
                }
            }
        }
        return y;
    }

    private static int blocks(int n, int b) {
        return (n + b - 1) / b;
    }

    /**
     * {@code Y(i,j) = sum_k A(i,k)·X(k,j)} in order i, j, k (inner products): X is stored column-major
     * (mode order 1,0), k is intersected, and a Reduce sums the tile products.
     */
    static SamGraph innerProductSpmm(int iBlocks, int jBlocks) {
        SamGraph.Builder g = new SamGraph.Builder("Y=A*X (ijk)");
        int rootA = g.stream(StreamKind.REF, "A.root");
        int rootX = g.stream(StreamKind.REF, "X.root");
        int crdI = g.stream(StreamKind.CRD, "A.i.crd");
        int refAi = g.stream(StreamKind.REF, "A.i.ref");
        int crdIw = g.stream(StreamKind.CRD, "i.crd.write");
        int crdIs = g.stream(StreamKind.CRD, "i.crd.repeat");
        int refXi = g.stream(StreamKind.REF, "X.root.i");
        int crdJ = g.stream(StreamKind.CRD, "X.j.crd");
        int refXj = g.stream(StreamKind.REF, "X.j.ref");
        int crdJw = g.stream(StreamKind.CRD, "j.crd.write");
        int crdJs = g.stream(StreamKind.CRD, "j.crd.repeat");
        int refAij = g.stream(StreamKind.REF, "A.i.ref.j");
        int crdAk = g.stream(StreamKind.CRD, "A.k.crd");
        int refAk = g.stream(StreamKind.REF, "A.k.ref");
        int crdXk = g.stream(StreamKind.CRD, "X.k.crd");
        int refXk = g.stream(StreamKind.REF, "X.k.ref");
        int crdK = g.stream(StreamKind.CRD, "k.crd");
        int rA = g.stream(StreamKind.REF, "A.k.iref");
        int rX = g.stream(StreamKind.REF, "X.k.iref");
        int vA = g.stream(StreamKind.VAL, "A.val");
        int vX = g.stream(StreamKind.VAL, "X.val");
        int product = g.stream(StreamKind.VAL, "product");
        int sum = g.stream(StreamKind.VAL, "sum");
        g.add(new RootOp("A", rootA));
        g.add(new RootOp("X", rootX));
        g.add(new FiberLookupOp("A", 0, 0, LevelFormat.COMPRESSED, "i", rootA, crdI, refAi));
        g.add(new BroadcastOp(crdI, List.of(crdIw, crdIs)));
        g.add(new RepeatOp("X", "i", rootX, crdIs, refXi));
        g.add(new FiberLookupOp("X", 0, 1, LevelFormat.DENSE, "j", refXi, crdJ, refXj));
        g.add(new BroadcastOp(crdJ, List.of(crdJw, crdJs)));
        g.add(new RepeatOp("A", "j", refAi, crdJs, refAij));
        g.add(new FiberLookupOp("A", 1, 1, LevelFormat.COMPRESSED, "k", refAij, crdAk, refAk));
        g.add(new FiberLookupOp("X", 1, 0, LevelFormat.COMPRESSED, "k", refXj, crdXk, refXk));
        g.add(new IntersectOp("k", List.of(crdAk, crdXk), List.of(refAk, refXk), crdK, List.of(rA, rX)));
        g.add(new ArrayOp("A", rA, vA));
        g.add(new ArrayOp("X", rX, vX));
        g.add(new BinaryAluOp(BinaryOp.MUL, vA, vX, product));
        g.add(new ReduceOp(ReduceKind.ADD, "k", product, sum, false));
        g.add(new FiberWriteOp("Y", 0, "i", crdIw));
        g.add(new FiberWriteOp("Y", 1, "j", crdJw));
        g.add(new ValueWriteOp("Y", sum));
        g.output(new OutputSpec("Y", List.of(iBlocks, jBlocks), List.of(0, 1)));
        return g.build();
    }

    /**
     * The same product in order i, k, j (Gustavson): A's tile is repeated as a value over X's row, and a
     * Spacc1 accumulates the tile products by j.
     */
    static SamGraph rowWiseSpmm(int iBlocks, int jBlocks) {
        SamGraph.Builder g = new SamGraph.Builder("Y=A*X (ikj)");
        int rootA = g.stream(StreamKind.REF, "A.root");
        int rootX = g.stream(StreamKind.REF, "X.root");
        int crdI = g.stream(StreamKind.CRD, "A.i.crd");
        int refAi = g.stream(StreamKind.REF, "A.i.ref");
        int crdIw = g.stream(StreamKind.CRD, "i.crd.write");
        int crdIs = g.stream(StreamKind.CRD, "i.crd.repeat");
        int refXi = g.stream(StreamKind.REF, "X.root.i");
        int crdAk = g.stream(StreamKind.CRD, "A.k.crd");
        int refAk = g.stream(StreamKind.REF, "A.k.ref");
        int crdXk = g.stream(StreamKind.CRD, "X.k.crd");
        int refXk = g.stream(StreamKind.REF, "X.k.ref");
        int crdK = g.stream(StreamKind.CRD, "k.crd");
        int rA = g.stream(StreamKind.REF, "A.k.iref");
        int rX = g.stream(StreamKind.REF, "X.k.iref");
        int vA = g.stream(StreamKind.VAL, "A.val");
        int crdJ = g.stream(StreamKind.CRD, "X.j.crd");
        int refXj = g.stream(StreamKind.REF, "X.j.ref");
        int crdJs = g.stream(StreamKind.CRD, "j.crd.repeat");
        int crdJi = g.stream(StreamKind.CRD, "j.crd.inner");
        int vAj = g.stream(StreamKind.VAL, "A.val.j");
        int vX = g.stream(StreamKind.VAL, "X.val");
        int product = g.stream(StreamKind.VAL, "product");
        int outJ = g.stream(StreamKind.CRD, "Y.j.crd");
        int outV = g.stream(StreamKind.VAL, "Y.val");
        g.add(new RootOp("A", rootA));
        g.add(new RootOp("X", rootX));
        g.add(new FiberLookupOp("A", 0, 0, LevelFormat.COMPRESSED, "i", rootA, crdI, refAi));
        g.add(new BroadcastOp(crdI, List.of(crdIw, crdIs)));
        g.add(new RepeatOp("X", "i", rootX, crdIs, refXi));
        g.add(new FiberLookupOp("A", 1, 1, LevelFormat.COMPRESSED, "k", refAi, crdAk, refAk));
        g.add(new FiberLookupOp("X", 0, 0, LevelFormat.DENSE, "k", refXi, crdXk, refXk));
        g.add(new IntersectOp("k", List.of(crdAk, crdXk), List.of(refAk, refXk), crdK, List.of(rA, rX)));
        g.add(new ArrayOp("A", rA, vA));
        g.add(new FiberLookupOp("X", 1, 1, LevelFormat.COMPRESSED, "j", rX, crdJ, refXj));
        g.add(new BroadcastOp(crdJ, List.of(crdJs, crdJi)));
        g.add(new RepeatOp("A", "j", vA, crdJs, vAj));
        g.add(new ArrayOp("X", refXj, vX));
        g.add(new BinaryAluOp(BinaryOp.MUL, vAj, vX, product));
        g.add(new SpaccOp("j", "k", crdK, crdJi, product, outJ, outV));
        g.add(new FiberWriteOp("Y", 0, "i", crdIw));
        g.add(new FiberWriteOp("Y", 1, "j", outJ));
        g.add(new ValueWriteOp("Y", outV));
        g.output(new OutputSpec("Y", List.of(iBlocks, jBlocks), List.of(0, 1)));
        return g.build();
    }

    /** {@code Z(i,j) = relu(A(i,j) op B(i,j))}, rows dense, columns joined by a union or an intersection. */
    static SamGraph elementwise(BinaryOp op, boolean union, int iBlocks, int jBlocks) {
        SamGraph.Builder g = new SamGraph.Builder("Z=relu(A op B)");
        int rootA = g.stream(StreamKind.REF, "A.root");
        int rootB = g.stream(StreamKind.REF, "B.root");
        int crdAi = g.stream(StreamKind.CRD, "A.i.crd");
        int refAi = g.stream(StreamKind.REF, "A.i.ref");
        int crdBi = g.stream(StreamKind.CRD, "B.i.crd");
        int refBi = g.stream(StreamKind.REF, "B.i.ref");
        int crdAj = g.stream(StreamKind.CRD, "A.j.crd");
        int refAj = g.stream(StreamKind.REF, "A.j.ref");
        int crdBj = g.stream(StreamKind.CRD, "B.j.crd");
        int refBj = g.stream(StreamKind.REF, "B.j.ref");
        int crdJ = g.stream(StreamKind.CRD, "j.crd");
        int uA = g.stream(StreamKind.REF, "A.j.jref");
        int uB = g.stream(StreamKind.REF, "B.j.jref");
        int vA = g.stream(StreamKind.VAL, "A.val");
        int vB = g.stream(StreamKind.VAL, "B.val");
        int combined = g.stream(StreamKind.VAL, "combined");
        int relu = g.stream(StreamKind.VAL, "relu");
        g.add(new RootOp("A", rootA));
        g.add(new RootOp("B", rootB));
        g.add(new FiberLookupOp("A", 0, 0, LevelFormat.DENSE, "i", rootA, crdAi, refAi));
        g.add(new FiberLookupOp("B", 0, 0, LevelFormat.DENSE, "i", rootB, crdBi, refBi));
        g.add(new FiberLookupOp("A", 1, 1, LevelFormat.COMPRESSED, "j", refAi, crdAj, refAj));
        g.add(new FiberLookupOp("B", 1, 1, LevelFormat.COMPRESSED, "j", refBi, crdBj, refBj));
        if (union) {
            g.add(new UnionOp("j", List.of(crdAj, crdBj), List.of(refAj, refBj), crdJ, List.of(uA, uB)));
        } else {
            g.add(new IntersectOp("j", List.of(crdAj, crdBj), List.of(refAj, refBj), crdJ, List.of(uA, uB)));
        }
        g.add(new ArrayOp("A", uA, vA));
        g.add(new ArrayOp("B", uB, vB));
        g.add(new BinaryAluOp(op, vA, vB, combined));
        g.add(new UnaryAluOp(UnaryOp.MAX_SCALAR, 0f, combined, relu));
        g.add(new FiberWriteOp("Z", 0, "i", crdAi));
        g.add(new FiberWriteOp("Z", 1, "j", crdJ));
        g.add(new ValueWriteOp("Z", relu));
        g.output(new OutputSpec("Z", List.of(iBlocks, jBlocks), List.of(0, 1)));
        return g.build();
    }

    private static void assertDense(double[] expected, double[] got, String what) {
        assertEquals(expected.length, got.length, what + ": size");
        for (int e = 0; e < expected.length; e++) {
            assertEquals(expected[e], got[e], 1e-3, what + ": element " + e);
        }
    }

    @ParameterizedTest(name = "{0} b={1} {2}x{3}x{4}")
    @CsvSource({
        "ijk, 2, 6, 8, 4",
        "ijk, 4, 10, 12, 9",
        "ikj, 3, 9, 7, 11",
        "ikj, 4, 16, 16, 16",
    })
    void blockSpmmMatchesTheDenseProduct(String order, int b, int n, int k, int m) {
        Random random = new Random(31L * b + n);
        float[] a = blockSparse(n, k, b, 0.5, random);
        float[] x = blockSparse(k, m, b, 0.3, random);
        boolean inner = order.equals("ijk");
        BlockTensor aBlocks = BlockTensor.fromDense("A", new int[] {n, k}, CC, new int[] {0, 1}, a, b);
        BlockTensor xBlocks = inner
                ? BlockTensor.fromDense("X", new int[] {k, m}, DC, new int[] {1, 0}, x, b)
                : BlockTensor.fromDense("X", new int[] {k, m}, DC, new int[] {0, 1}, x, b);
        SamGraph graph = inner ? innerProductSpmm(blocks(n, b), blocks(m, b)) : rowWiseSpmm(blocks(n, b), blocks(m, b));
        EngineOptions options = EngineOptions.DEFAULT.withValues(ValueMode.TRUE_BLOCK, b);
        SimulationResult result = new Simulator(options).simulateBlocks(graph, Map.of("A", aBlocks, "X", xBlocks),
                () -> false);
        BlockTensor y = result.blockOutputs().get("Y");
        assertEquals(b, y.blockSize());
        double[] padded = y.toDense();
        int cols = blocks(m, b) * b;
        double[] got = new double[n * m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                got[i * m + j] = padded[i * cols + j];
            }
        }
        assertDense(matmul(a, x, n, k, m), got, order);
        assertTrue(result.outputs().isEmpty(), "true-block results are block tensors");
        assertTrue(result.statistics().ops() > 0 && result.cycles() > 0);
        // The timing does not depend on the stepping order (a Kahn network) in true-block mode either.
        SimulationResult shuffled = new Simulator(options.withOrder(EngineOptions.StepOrder.SHUFFLED, 5)
                .withBudget(1, 1)).simulateBlocks(graph, Map.of("A", aBlocks, "X", xBlocks), () -> false);
        assertEquals(result.cycles(), shuffled.cycles());
        assertDense(y.toDense(), shuffled.blockOutputs().get("Y").toDense(), order + " shuffled");
    }

    @ParameterizedTest(name = "{0} union={1}")
    @CsvSource({"ADD, true", "SUB, true", "ELEMMUL, false"})
    void elementwiseTilesThroughJoinersMatchTheDenseResult(BinaryOp op, boolean union) {
        int b = 3;
        int n = 7;
        int m = 8;
        Random random = new Random(op.ordinal());
        float[] a = blockSparse(n, m, b, 0.4, random);
        float[] c = blockSparse(n, m, b, 0.4, random);
        Map<String, BlockTensor> inputs = Map.of(
                "A", BlockTensor.fromDense("A", new int[] {n, m}, DC, new int[] {0, 1}, a, b),
                "B", BlockTensor.fromDense("B", new int[] {n, m}, DC, new int[] {0, 1}, c, b));
        SimulationResult result = new Simulator(EngineOptions.DEFAULT.withValues(ValueMode.TRUE_BLOCK, b))
                .simulateBlocks(elementwise(op, union, blocks(n, b), blocks(m, b)), inputs, () -> false);
        BlockTensor z = result.blockOutputs().get("Z");
        double[] padded = z.toDense();
        int cols = blocks(m, b) * b;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double expected = Math.max(0, op.apply(a[i * m + j], c[i * m + j]));
                assertEquals(expected, padded[i * cols + j], 1e-4, op + " at " + i + "," + j);
            }
        }
    }

    @Test
    void tileMulHasLatencyTwoNMinusOneAndIntervalN() {
        // b = 4: the tile product leaves at t + 7 and costs ii = 4, stops included (§4.4).
        TilePool pool = new TilePool(4);
        int first = pool.pin(new float[] {
            1, 2, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, // [[1,2,0,0],[0,1,0,0],I...]
            2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 2}, 2); // 2·I
        Channel left = tiles(pool, "l", first, first);
        Channel right = tiles(pool, "r", first + 1, first);
        Channel out = empty("out");
        out.carryTiles(pool);
        long latency = ValueMode.TRUE_BLOCK.binaryLatency(BinaryOp.MUL, 4);
        long interval = ValueMode.TRUE_BLOCK.binaryInterval(BinaryOp.MUL, 4);
        BinaryAlu alu = new BinaryAlu("m", BinaryOp.MUL, latency, interval, pool, left, right, out);
        runToEnd(alu);
        assertEquals("7 11 S0@9 D@13", stamps(out));
        assertEquals(12, alu.clock());
        float[] product = new float[16];
        pool.copyOut(Token.payload(out.peekToken()), product, 0);
        assertArrayEquals(new float[] {2, 4, 0, 0, 0, 2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 2}, product);
        float[] square = new float[16];
        pool.copyOut(Token.payload(out.peekToken(1)), square, 0);
        assertArrayEquals(new float[] {1, 4, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1}, square, "A·A");
    }

    @Test
    void tileAddHasLatencyNSquaredAndIntervalOne() {
        TilePool pool = new TilePool(4);
        int first = pool.pin(new float[32], 2);
        Channel out = empty("out");
        BinaryAlu alu = new BinaryAlu("a", BinaryOp.ADD, ValueMode.TRUE_BLOCK.binaryLatency(BinaryOp.ADD, 4),
                ValueMode.TRUE_BLOCK.binaryInterval(BinaryOp.ADD, 4), pool, tiles(pool, "l", first, first + 1),
                tiles(pool, "r", first + 1, first), out);
        runToEnd(alu);
        assertEquals("16 17 S0@3 D@4", stamps(out));
    }

    @Test
    void tileReduceSumsAtTPlusNSquaredMaxReduceAtTPlusOne() {
        TilePool pool = new TilePool(2);
        int first = pool.pin(new float[] {1, 2, 3, 4, -5, 6, -7, 8}, 2);
        for (boolean max : new boolean[] {false, true}) {
            Channel in = new Channel("in", 64);
            in.carryTiles(pool);
            in.push(Token.val(first), 1);
            in.push(Token.EMPTY, 1);
            in.push(Token.val(first + 1), 1);
            in.push(Token.stop(1), 1);
            in.push(Token.DONE, 1);
            Channel out = empty("out");
            Reduce reduce = new Reduce("r", max, ValueMode.TRUE_BLOCK.reduceLatency(2), false, pool, in, out);
            runToEnd(reduce);
            // Two values (t = 3), N free, the stop at t = 3: the result at 3 + 4 = 7 (MaxReduce: 4), S0 at 4.
            assertEquals((max ? "4" : "7") + " S0@4 D@5", stamps(out));
            float[] result = new float[4];
            pool.copyOut(Token.payload(out.peekToken()), result, 0);
            assertArrayEquals(max ? new float[] {1, 6, 3, 8} : new float[] {-4, 8, -4, 12}, result);
            pool.release(Token.payload(out.peekToken()));
        }
        assertEquals(0, pool.liveSlots());
    }

    @Test
    void tileUnaryAppliesPerElementAtTPlusN() {
        TilePool pool = new TilePool(2);
        int first = pool.pin(new float[] {-1, 2, -3, 4}, 1);
        Channel in = tiles(pool, "in", first);
        Channel out = empty("out");
        UnaryAlu relu = new UnaryAlu("u", UnaryOp.MAX_SCALAR, 0f, ValueMode.TRUE_BLOCK.unaryLatency(2), pool, in, out);
        runToEnd(relu);
        assertEquals("2 S0@2 D@3", stamps(out));
        float[] result = new float[4];
        pool.copyOut(Token.payload(out.peekToken()), result, 0);
        assertArrayEquals(new float[] {0, 2, 0, 4}, result);
        float[] input = new float[4];
        pool.copyOut(first, input, 0);
        assertArrayEquals(new float[] {-1, 2, -3, 4}, input, "a pinned input tile is copied, never written");
    }

    @Test
    void everyTileMadeDuringARunIsGivenBack() {
        // Array -> Unary x1 (makes pool-owned copies of the pinned tiles) -> Broadcast into four (one
        // discarded); two branches meet in a Binary -> Reduce -> writer, one
        // goes through a value Repeat -> Unary -> writer: each primitive that copies, forwards, duplicates,
        // drops or consumes a tile.
        TilePool pool = new TilePool(2);
        int first = pool.pin(new float[] {1, 2, 3, 4, 10, 20, 30, 40}, 2);
        Channel refs = TokenStreams.channel("refs", "0 1 S0 D", false);
        Channel pinned = tileChannel(pool, "pinned");
        Channel loaded = tileChannel(pool, "loaded");
        Channel toRepeat = tileChannel(pool, "b.repeat");
        Channel toDiscard = Channel.discarding("b.unused");
        toDiscard.carryTiles(pool);
        Channel left = tileChannel(pool, "b.left");
        Channel right = tileChannel(pool, "b.right");
        Channel signals = empty("signals");
        for (long s : new long[] {Token.REPEAT_SIGNAL, Token.REPEAT_SIGNAL, Token.STOP_SIGNAL, Token.REPEAT_SIGNAL,
            Token.STOP_SIGNAL, Token.DONE}) {
            signals.push(s, 0);
        }
        Channel repeated = tileChannel(pool, "repeated");
        Channel scaled = tileChannel(pool, "scaled");
        Channel summed = tileChannel(pool, "summed");
        Channel reduced = tileChannel(pool, "reduced");
        ArrayLoad load = ArrayLoad.ofTiles("a", first, 2, 4, refs, pinned, null);
        UnaryAlu copy = new UnaryAlu("copy", UnaryOp.SCALAR_MUL, 1f, 2, pool, pinned, loaded);
        Broadcast broadcast = new Broadcast("b", loaded, new Channel[] {toRepeat, toDiscard, left, right});
        BinaryAlu add = new BinaryAlu("add", BinaryOp.ADD, 4, 1, pool, left, right, summed);
        Reduce reduce = new Reduce("r", false, 4, false, pool, summed, reduced);
        ValueWrite sums = new ValueWrite("w1", pool, reduced, null);
        Repeat repeat = new Repeat("rep", toRepeat, signals, repeated);
        UnaryAlu scale = new UnaryAlu("u", UnaryOp.SCALAR_MUL, 2f, 2, pool, repeated, scaled);
        ValueWrite copies = new ValueWrite("w2", pool, scaled, null);
        runToEnd(load, copy, broadcast, add, reduce, sums, repeat, scale, copies);
        assertArrayEquals(new float[] {22, 44, 66, 88}, sums.values(), "2·(tile0 + tile1)");
        assertArrayEquals(new float[] {2, 4, 6, 8, 2, 4, 6, 8, 20, 40, 60, 80}, copies.values(),
                "tile0 twice, tile1 once, each doubled");
        assertEquals(0, pool.liveSlots(), "no tile may stay allocated after the run");
        float[] input = new float[8];
        pool.copyOut(first, input, 0);
        pool.copyOut(first + 1, input, 4);
        assertArrayEquals(new float[] {1, 2, 3, 4, 10, 20, 30, 40}, input, "pinned inputs are never written");
    }

    @Test
    void blockTensorsConvertAndRejectWhatTheyCannotHold() {
        float[] dense = {1, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 4};
        BlockTensor bcsr = BlockTensor.fromDense("M", new int[] {4, 5}, DC, new int[] {0, 1}, dense, 2);
        assertEquals(3, bcsr.blockCount(), "blocks (0,0), (1,0)... the all-zero blocks are not stored");
        double[] back = bcsr.toDense();
        for (int e = 0; e < dense.length; e++) {
            assertEquals(dense[e], back[e], "element " + e);
        }
        BlockTensor transposed = BlockTensor.fromDense("M", new int[] {4, 5}, DD, new int[] {1, 0}, dense, 2);
        assertEquals(6, transposed.blockCount(), "dense levels store every block");
        assertArrayEquals(bcsr.toDense(), transposed.toDense());
        BlockTensor coo = BlockTensor.fromCoo("M", new int[] {4, 5}, CC, new int[] {0, 1},
                new int[][] {{0, 0}, {1, 1}, {3, 4}, {0, 0}}, new float[] {1, 2, 4, 5}, 2);
        assertEquals(6, coo.toDense()[0], "duplicates are summed");
        assertEquals(2, coo.blockCount());
        assertThrows(IllegalArgumentException.class, () -> BlockTensor.fromCoo("V", new int[] {4}, List.of(
                LevelFormat.DENSE), new int[] {0}, new int[][] {{1}}, new float[] {1}, 2));
        assertThrows(IllegalArgumentException.class, () -> BlockTensor.fromCoo("M", new int[] {4, 5}, CC,
                new int[] {0, 1}, new int[][] {{4, 0}}, new float[] {1}, 2));
    }

    @Test
    void tilePoolReusesFreedSlotsAndCopiesSharedOnes() {
        TilePool pool = new TilePool(2);
        int pinned = pool.pin(new float[] {1, 1, 1, 1}, 1);
        int a = pool.allocate();
        pool.release(a);
        assertEquals(a, pool.allocate(), "a freed slot is reused before the pool grows");
        pool.retain(a);
        int owned = pool.own(a);
        assertTrue(owned != a, "a shared tile is copied");
        assertEquals(pinned == pool.own(pinned) ? 1 : 0, 0, "a pinned tile is never handed out for writing");
        assertThrows(IllegalStateException.class, () -> pool.pin(new float[4], 1));
    }

    private static Channel tileChannel(TilePool pool, String name) {
        Channel channel = empty(name);
        channel.carryTiles(pool);
        return channel;
    }

    /** A channel of the given tiles followed by {@code S0} and {@code D}, all available at cycle 0. */
    private static Channel tiles(TilePool pool, String name, int... slots) {
        Channel channel = tileChannel(pool, name);
        for (int slot : slots) {
            channel.push(Token.val(slot), 0);
        }
        channel.push(Token.stop(0), 0);
        channel.push(Token.DONE, 0);
        return channel;
    }

    /** Value stamps as bare numbers, control tokens as {@code token@stamp}. */
    private static String stamps(Channel channel) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < channel.size(); i++) {
            long token = channel.peekToken(i);
            text.append(i == 0 ? "" : " ").append(Token.isVal(token) ? Long.toString(channel.peekStamp(i))
                    : Token.format(token, false) + "@" + channel.peekStamp(i));
        }
        return text.toString();
    }
}
