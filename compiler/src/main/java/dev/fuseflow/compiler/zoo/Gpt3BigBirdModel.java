package dev.fuseflow.compiler.zoo;

import dev.fuseflow.compiler.frontend.einsum.EinsumParser;
import dev.fuseflow.compiler.ir.Program;
import dev.fuseflow.compiler.schedule.Schedule;
import dev.fuseflow.diagnostics.UserError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code zoo:gpt3-bigbird}: one GPT-3 Small decoder with BigBird block-sparse attention, plus the next
 * decoder's LayerNorm and QKV projection, which the {@code full} preset fuses into this decoder's tail
 * (paper-results.md §2.1 "GPT-3 with BigBird" and §2.1.1).
 *
 * <h2>Program</h2>
 * The paper's numbered steps #1–#20, each one or more einsum assignments (a LayerNorm is mean, centring,
 * variance and normalisation; a softmax is max, exp of the difference, sum and quotient). As in the paper,
 * a single d×d projection stands in for Q, K and V, the head split and merge are not modelled (Q, K, V of
 * the attention and its merged output {@code Att} are inputs of their own), and everything is dense except
 * the mask {@code M} (compressed, compressed), which is multiplied into the scores before the scale 1/8.
 * The size-1 batch dimension of the MLIR files is dropped. The residual of step #11 adds the decoder's input
 * {@code Xin} (the MLIR file takes it as an argument of the same shape).
 *
 * <h2>Dimensions</h2>
 * {@code seq} and the mask come from the {@code bigbird} dataset (whose {@code --scale} scales the sequence
 * and the block size and keeps the blocks per row). With {@code s = seq / 1024}:
 * heads = max(2, round(12·s)), head dim = max(4, round(64·s)), d = heads × head dim, FFN = 4·d; at seq 1024
 * that is GPT-3 Small's 12 × 64 = 768 and 3072, at seq 64 it is 2 × 4 = 8 and 32. Weights are dense and
 * uniform in ±1/√fan-in so that the activations, the softmax and the LayerNorms stay in range; the
 * activations fed in ({@code Xin}, {@code Q}, {@code K}, {@code V}, {@code Att}) are uniform in ±1.
 *
 * <h2>Presets</h2>
 * <ul>
 * <li>{@code unfused}: one group per numbered step (the artifact's 18 unfused kernels, then the next
 * decoder's LN, projection and bias as three more);</li>
 * <li>{@code partial}: (#1–3) (#4–8) (#9–18) and the next decoder's (#19–20);</li>
 * <li>{@code full}: (#1–3) (#4–8) (#9–20): the tail fused with the next decoder's LN + QKV; attention is
 * never fused with the projections.</li>
 * </ul>
 *
 * <h2>Block-timing</h2>
 * The artifact runs only the fused attention and the unfused mask, scale, softmax and ·V kernels at the block size
 * ({@link #blockSized}); they stream the mask's b×b blocks, one token per block, on {@link #blockGrid}. Everything
 * else streams elements, the same for every block size (the workbench's {@code BlockTimedAttention}).
 *
 * <h2>{@code --decoders N}</h2>
 * The groups are simulated once each and composed as {@code 1·first + N·attention + (N−1)·fused-tail +
 * 1·last} (ARCHITECTURE.md §3.4), where, per preset,
 * <ul>
 * <li>first = the groups of #1–3 (unfused: 3 groups; partial and full: 1);</li>
 * <li>attention = the groups of #4–8 (unfused: 5; partial and full: 1);</li>
 * <li>fused-tail = the groups of #9–20: unfused the 10 tail kernels and the next decoder's 3, partial
 * (#9–18) + (#19–20), full the one group (#9–20) — this decoder's tail plus the next decoder's first part;</li>
 * <li>last = the last decoder's tail without a next decoder, #9–18: the tail groups of unfused and partial
 * themselves; for full the group (#9–18) compiled and simulated on its own (the paper's comp3_partial).</li>
 * </ul>
 * So every preset totals N first parts, N attentions and N tails: unfused and partial come to
 * N × (first + attention + tail) with the next decoder's first part standing in for decoders 2..N, and full
 * is the paper's {@code 1·comp1 + N·attention + (N−1)·comp3_full + 1·comp3_partial}.
 */
public final class Gpt3BigBirdModel implements ZooModel {
    /** GPT-3 Small at the paper's sequence length 1024. */
    static final int PAPER_SEQ = 1024;
    static final int PAPER_HEADS = 12;
    static final int PAPER_HEAD_DIM = 64;
    static final int MIN_HEADS = 2;
    static final int MIN_HEAD_DIM = 4;
    static final int FFN_FACTOR = 4;
    /** The score scale of the MLIR files, 1/√64. */
    static final double SCORE_DIVISOR = 8.0;
    static final double LAYER_NORM_EPS = 1e-5;
    /** Step #20, the next decoder's projection and bias, which {@code unfused} runs as two kernels. */
    static final int NEXT_PROJECTION_STEP = 20;

    /** The sizes of one decoder. */
    public record Sizes(int seq, int heads, int headDim, int model, int ffn) {
    }

    /** An assignment's text and the paper step it implements. */
    private record Step(int paper, String text) {
    }

    @Override
    public String name() {
        return "gpt3-bigbird";
    }

    @Override
    public List<String> dimensions() {
        return List.of("seq");
    }

    /** The decoder's sizes for a sequence length (see the class comment for the rule). */
    public static Sizes sizes(int seq) {
        if (seq < 1) {
            throw UserError.of("zoo:gpt3-bigbird needs a positive sequence length, not " + seq);
        }
        double s = seq / (double) PAPER_SEQ;
        int heads = (int) Math.max(MIN_HEADS, Math.round(PAPER_HEADS * s));
        int headDim = (int) Math.max(MIN_HEAD_DIM, Math.round(PAPER_HEAD_DIM * s));
        int model = heads * headDim;
        return new Sizes(seq, heads, headDim, model, FFN_FACTOR * model);
    }

    @Override
    public Program program(Map<String, Integer> dims) {
        return program(sizes(dims.get("seq")), PROGRAM_NAME);
    }

    private static Program program(Sizes z, String name) {
        StringBuilder text = new StringBuilder("# program " + name + "\n");
        declarations(z).forEach(line -> text.append(line).append('\n'));
        steps(z).forEach(step -> text.append(step.text()).append('\n'));
        return EinsumParser.parse(text.toString(), "zoo:gpt3-bigbird", name);
    }

    static final String PROGRAM_NAME = "gpt3_bigbird";
    /** The name of the {@link #blockGrid} program, whose mask is the dataset's block grid. */
    static final String BLOCK_GRID_NAME = "gpt3_bigbird_blocks";
    /** The dataset part holding the mask's block grid (one entry per kept b×b block). */
    public static final String BLOCK_MASK_PART = "block_mask";
    /** The paper steps whose kernels the artifact runs at the block size: mask, scale, softmax and ·V. */
    static final int FIRST_BLOCK_SIZED_STEP = 5;
    static final int LAST_BLOCK_SIZED_STEP = 8;

    /**
     * Whether the group with these assignments runs at the mask's block size in block-timing mode: the
     * artifact passes {@code --block} to the fused attention and to the unfused mask, scale, softmax and ·V
     * kernels, so a group holding any of #5–#8 does; QKᵀ alone (#4) and everything else run without a block
     * size, scalar and element by element (paper-results.md §2.1, "Block-size dependence").
     */
    public boolean blockSized(List<Integer> members) {
        return members.stream().map(PAPER_STEPS::get)
                .anyMatch(step -> step >= FIRST_BLOCK_SIZED_STEP && step <= LAST_BLOCK_SIZED_STEP);
    }

    /**
     * The decoder at the granularity of the mask's b×b blocks, the data of the artifact's block runs: the
     * sequence becomes the block grid ({@code seq / block} blocks) and the head dimension {@code ⌈headDim /
     * block⌉} blocks, so every attention tensor holds one value per block and the mask is the block grid
     * ({@value #BLOCK_MASK_PART}). Heads are unchanged. Only the attention's assignments are meant to run on
     * it; the other declarations keep the grid's sizes but nothing reads them.
     */
    public Program blockGrid(int seq, int block) {
        if (block < 1 || seq % block != 0) {
            throw UserError.of("zoo:gpt3-bigbird's block grid needs a block size that divides the sequence length "
                    + seq + ", not " + block);
        }
        Sizes z = sizes(seq);
        int headBlocks = (z.headDim() + block - 1) / block;
        int model = z.heads() * headBlocks;
        return program(new Sizes(seq / block, z.heads(), headBlocks, model, FFN_FACTOR * model), BLOCK_GRID_NAME);
    }

    private static List<String> declarations(Sizes z) {
        String row = "[" + z.seq() + "]";
        String act = "[" + z.seq() + ", " + z.model() + "]";
        String square = "[" + z.model() + ", " + z.model() + "]";
        String vec = "[" + z.model() + "]";
        String heads = "[" + z.heads() + ", " + z.seq() + ", " + z.headDim() + "]";
        String scores = "[" + z.heads() + ", " + z.seq() + ", " + z.seq() + "]";
        String perQuery = "[" + z.heads() + ", " + z.seq() + "]";
        String hidden = "[" + z.seq() + ", " + z.ffn() + "]";
        String d1 = "(dense) ";
        String d2 = "(dense, dense) ";
        String d3 = "(dense, dense, dense) ";
        String sparseScores = "(dense, dense, compressed) ";
        List<String> lines = new ArrayList<>();
        lines.add("Xin: " + d2 + act);
        layerNormDeclarations(lines, "1", row, act);
        lines.add("Wqkv: " + d2 + square);
        lines.add("bqkv: " + d1 + vec);
        lines.add("Pj: " + d2 + act);
        lines.add("Qp: " + d2 + act);
        lines.add("Q: " + d3 + heads);
        lines.add("K: " + d3 + heads);
        lines.add("V: " + d3 + heads);
        lines.add("M: (compressed, compressed) [" + z.seq() + ", " + z.seq() + "]");
        lines.add("Sc: " + d3 + scores);
        lines.add("Sm: " + sparseScores + scores);
        lines.add("Ss: " + sparseScores + scores);
        lines.add("mx: " + d2 + perQuery);
        lines.add("Ex: " + sparseScores + scores);
        lines.add("sx: " + d2 + perQuery);
        lines.add("P: " + sparseScores + scores);
        lines.add("O: " + d3 + heads);
        lines.add("Att: " + d2 + act);
        lines.add("Wo: " + d2 + square);
        lines.add("bo: " + d1 + vec);
        lines.add("A1: " + d2 + act);
        lines.add("A2: " + d2 + act);
        lines.add("R1: " + d2 + act);
        layerNormDeclarations(lines, "2", row, act);
        lines.add("W1: " + d2 + "[" + z.model() + ", " + z.ffn() + "]");
        lines.add("b1: " + d1 + "[" + z.ffn() + "]");
        lines.add("F1: " + d2 + hidden);
        lines.add("F2: " + d2 + hidden);
        lines.add("F3: " + d2 + hidden);
        lines.add("W2: " + d2 + "[" + z.ffn() + ", " + z.model() + "]");
        lines.add("b2: " + d1 + vec);
        lines.add("F4: " + d2 + act);
        lines.add("F5: " + d2 + act);
        lines.add("R2: " + d2 + act);
        layerNormDeclarations(lines, "3", row, act);
        lines.add("Wqkv2: " + d2 + square);
        lines.add("bqkv2: " + d1 + vec);
        lines.add("Pn: " + d2 + act);
        lines.add("Qn: " + d2 + act);
        return lines;
    }

    private static void layerNormDeclarations(List<String> lines, String n, String row, String act) {
        lines.add("mu" + n + ": (dense) " + row);
        lines.add("C" + n + ": (dense, dense) " + act);
        lines.add("v" + n + ": (dense) " + row);
        lines.add("N" + n + ": (dense, dense) " + act);
    }

    /**
     * The assignments in program order with the paper step each implements. Reduction variables are named by
     * role (a, b, d: the three LayerNorms; k: the QKV and out projections; c: FFN1; f: FFN2; m: the next
     * projection) because fusing inlines a producer with its own reduction variable's name: with one name for
     * two roles the fused tail would have no valid order (DEVIATIONS.md, open gaps).
     */
    private static List<Step> steps(Sizes z) {
        List<Step> steps = new ArrayList<>();
        layerNorm(steps, 1, "Xin", "1", "a", z);
        steps.add(new Step(2, "Pj(s,n) = sum_k(N1(s,k) * Wqkv(k,n))"));
        steps.add(new Step(3, "Qp(s,n) = Pj(s,n) + bqkv(n)"));
        steps.add(new Step(4, "Sc(h,q,j) = sum_e(Q(h,q,e) * K(h,j,e))"));
        steps.add(new Step(5, "Sm(h,q,j) = Sc(h,q,j) * M(q,j)"));
        steps.add(new Step(6, "Ss(h,q,j) = Sm(h,q,j) / " + SCORE_DIVISOR));
        steps.add(new Step(7, "mx(h,q) = max_j(Ss(h,q,j))"));
        steps.add(new Step(7, "Ex(h,q,j) = exp(Ss(h,q,j) - mx(h,q))"));
        steps.add(new Step(7, "sx(h,q) = sum_j(Ex(h,q,j))"));
        steps.add(new Step(7, "P(h,q,j) = Ex(h,q,j) / sx(h,q)"));
        steps.add(new Step(8, "O(h,q,e) = sum_j(P(h,q,j) * V(h,j,e))"));
        steps.add(new Step(9, "A1(s,n) = sum_k(Att(s,k) * Wo(k,n))"));
        steps.add(new Step(10, "A2(s,n) = A1(s,n) + bo(n)"));
        steps.add(new Step(11, "R1(s,n) = A2(s,n) + Xin(s,n)"));
        layerNorm(steps, 12, "R1", "2", "b", z);
        steps.add(new Step(13, "F1(s,f) = sum_c(N2(s,c) * W1(c,f))"));
        steps.add(new Step(14, "F2(s,f) = F1(s,f) + b1(f)"));
        steps.add(new Step(15, "F3(s,f) = relu(F2(s,f))"));
        steps.add(new Step(16, "F4(s,n) = sum_f(F3(s,f) * W2(f,n))"));
        steps.add(new Step(17, "F5(s,n) = F4(s,n) + b2(n)"));
        steps.add(new Step(18, "R2(s,n) = F5(s,n) + R1(s,n)"));
        layerNorm(steps, 19, "R2", "3", "d", z);
        steps.add(new Step(NEXT_PROJECTION_STEP, "Pn(s,n) = sum_m(N3(s,m) * Wqkv2(m,n))"));
        steps.add(new Step(NEXT_PROJECTION_STEP, "Qn(s,n) = Pn(s,n) + bqkv2(n)"));
        return steps;
    }

    /** LN(x) over the model dimension without γ/β: (x − μ)·rsqrt(σ² + eps). */
    private static void layerNorm(List<Step> steps, int paper, String x, String n, String r, Sizes z) {
        String d = z.model() + ".0";
        steps.add(new Step(paper, "mu" + n + "(s) = sum_" + r + "(" + x + "(s," + r + ")) / " + d));
        steps.add(new Step(paper, "C" + n + "(s,n) = " + x + "(s,n) - mu" + n + "(s)"));
        steps.add(new Step(paper, "v" + n + "(s) = sum_" + r + "(C" + n + "(s," + r + ") * C" + n + "(s," + r + ")) / " + d + " + "
                + LAYER_NORM_EPS));
        steps.add(new Step(paper, "N" + n + "(s,n) = C" + n + "(s,n) * rsqrt(v" + n + "(s))"));
    }

    /** The paper step (#1–#20 of paper-results.md §2.1.1) that each assignment implements. */
    private static final List<Integer> PAPER_STEPS = steps(sizes(PAPER_SEQ)).stream().map(Step::paper).toList();

    /**
     * The number of the step that {@code assignment} implements in paper-results.md §2.1.1 (#1–#20); the
     * assignments of a LayerNorm or a softmax share one.
     */
    public int paperStep(int assignment) {
        return PAPER_STEPS.get(assignment);
    }

    /**
     * The model's card: the size rule, the numbered assignments with their paper steps, the groups of each
     * preset and the {@code --decoders} rule.
     */
    public String card(Program program) {
        StringBuilder text = new StringBuilder("zoo:").append(name()).append('\n');
        int seq = program.tensor("Xin").shape().get(0);
        Sizes z = sizes(seq);
        text.append(String.format("  sizes: seq %d, %d heads x %d, d %d, FFN %d (s = seq/1024; heads = max(2, round(12s)), "
                + "head dim = max(4, round(64s)), d = heads x head dim, FFN = 4d)%n", z.seq(), z.heads(), z.headDim(),
                z.model(), z.ffn()));
        for (int a = 0; a < program.assignments().size(); a++) {
            text.append(String.format("  %2d: %s   [paper #%d]%n", a, program.assignments().get(a), paperStep(a)));
        }
        presets(program).forEach((preset, schedule) -> text.append(String.format("  %-8s %s%n", preset, schedule)));
        text.append("  --decoders N: 1·first + N·attention + (N−1)·fused-tail + 1·last, where first = #1-3, attention = "
                + "#4-8, fused-tail = #9-20 (this tail and the next decoder's LN + QKV), last = #9-18\n");
        return text.toString();
    }

    /** Where the decoder's parts lie among the assignments. */
    public static DecoderParts parts() {
        return new DecoderParts(range(1, 3), range(4, 8), range(9, 18), range(19, 20));
    }

    /** The assignments implementing paper steps {@code fromStep}..{@code toStep}. */
    private static DecoderParts.Range range(int fromStep, int toStep) {
        return new DecoderParts.Range(PAPER_STEPS.indexOf(fromStep), PAPER_STEPS.lastIndexOf(toStep) + 1);
    }

    @Override
    public Map<String, Schedule> presets(Program program) {
        DecoderParts parts = parts();
        if (program.assignments().size() != parts.assignments()) {
            throw new IllegalArgumentException("not the zoo:gpt3-bigbird program: " + program.name());
        }
        Map<String, Schedule> presets = new LinkedHashMap<>();
        presets.put("unfused", new Schedule(unfusedGroups()));
        presets.put("partial", new Schedule(List.of(parts.first().members(), parts.attention().members(),
                parts.tail().members(), parts.next().members())));
        presets.put("full", new Schedule(List.of(parts.first().members(), parts.attention().members(),
                join(parts.tail().members(), parts.next().members()))));
        return presets;
    }

    /**
     * One group per paper step; the next decoder's step #20 is its projection and its bias, two kernels as
     * #2 and #3 are.
     */
    private static List<List<Integer>> unfusedGroups() {
        List<List<Integer>> groups = new ArrayList<>();
        int start = 0;
        for (int a = 1; a <= PAPER_STEPS.size(); a++) {
            boolean boundary = a == PAPER_STEPS.size() || !PAPER_STEPS.get(a).equals(PAPER_STEPS.get(a - 1))
                    || PAPER_STEPS.get(a) == NEXT_PROJECTION_STEP;
            if (boundary) {
                groups.add(new DecoderParts.Range(start, a).members());
                start = a;
            }
        }
        return groups;
    }

    private static List<Integer> join(List<Integer> a, List<Integer> b) {
        List<Integer> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** The sources at the paper's sizes (weight scales 1/√768 and 1/√3072); a built program uses its own. */
    @Override
    public Map<String, InputSource> inputs() {
        return inputs(program(Map.of("seq", PAPER_SEQ)));
    }

    /**
     * The mask is the dataset's part; the activations fed in are uniform in ±1; weights and biases are uniform
     * in ±1/√fan-in of their layer, fan-in read from the weight's first dimension.
     */
    @Override
    public Map<String, InputSource> inputs(Program program) {
        Map<String, InputSource> sources = new LinkedHashMap<>();
        sources.put("M", new InputSource.Part(program.name().equals(BLOCK_GRID_NAME) ? BLOCK_MASK_PART : "mask"));
        for (String activation : List.of("Xin", "Q", "K", "V", "Att")) {
            sources.put(activation, new InputSource.Weights(1.0, 1.0));
        }
        Map<String, String> biasOf = Map.of("Wqkv", "bqkv", "Wo", "bo", "W1", "b1", "W2", "b2", "Wqkv2", "bqkv2");
        biasOf.forEach((weight, bias) -> {
            double scale = 1 / Math.sqrt(program.tensor(weight).shape().get(0));
            sources.put(weight, new InputSource.Weights(1.0, scale));
            sources.put(bias, new InputSource.Weights(1.0, scale));
        });
        // a part of the program run on its own (the block-sized kernels) reads the tensors it does not produce as
        // activations, as the artifact generates each kernel's inputs
        for (String input : program.inputs()) {
            sources.putIfAbsent(input, new InputSource.Weights(1.0, 1.0));
        }
        return sources;
    }
}
