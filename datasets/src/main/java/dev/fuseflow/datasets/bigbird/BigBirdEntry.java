package dev.fuseflow.datasets.bigbird;

import dev.fuseflow.datasets.DataPart;
import dev.fuseflow.datasets.DatasetCard;
import dev.fuseflow.datasets.DatasetCard.Fact;
import dev.fuseflow.datasets.DatasetEntry;
import dev.fuseflow.datasets.DatasetSpec;
import dev.fuseflow.datasets.GenerationPlan;
import dev.fuseflow.diagnostics.UserError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code bigbird:block=16|32|64[,seq=1024,seed=0]}: the GPT-3 BigBird attention mask ({@link BigBirdMask}). */
public final class BigBirdEntry implements DatasetEntry {
    static final int GENERATOR_VERSION = 2;
    public static final int SEQ = 1024;
    /** The artifact seeds numpy with 0 before drawing the mask. */
    public static final long ARTIFACT_SEED = 0;
    /** The part holding the mask's block grid, one entry per kept block (what block-timing runs stream). */
    public static final String BLOCK_MASK = "block_mask";

    @Override
    public DatasetCard card() {
        return new DatasetCard("bigbird", "attention-mask", "BigBird block-sparse attention mask for GPT-3 Small",
                List.of(Fact.of("tokens (seq)", SEQ), new Fact("block sizes", "16 | 32 | 64", false),
                        new Fact("density (549/4096, 268/1024, 118/256 blocks)", "13.4% | 26.2% | 46.1%", false)),
                "paper-results.md §2.1 GPT-3 with BigBird (the fused-attention recipe of the artifact's get_mask, seed 0)",
                "per block row: 2 random blocks (numpy's legacy RandomState, seed 0, choice without replacement, "
                        + "reproduced bit for bit), the diagonal block ±1, and the first 2 block rows and columns; values 1",
                "seq × S and block × S, blocks per row kept, so the mask (at block level) and its density are unchanged",
                List.of("block=16|32|64 (required; any divisor of seq works)", "seq=1024",
                        "seed=0 (the artifact's; --seed does not change the mask)"),
                List.of("the artifact's unfused MHA kernels use another mask (S = 4096, most random blocks lost); this "
                        + "is the fused-attention mask the paper describes"),
                bytes(SEQ, 32, 268));
    }

    @Override
    public Set<String> parameterKeys() {
        return Set.of("block", "seq", "seed");
    }

    @Override
    public GenerationPlan plan(DatasetSpec spec, double scale, long ignoredSeed) {
        spec.checkKeys(parameterKeys());
        if (!spec.has("block")) {
            throw UserError.of("dataset 'bigbird' needs a block size, e.g. bigbird:block=32",
                    List.of("bigbird:block=16", "bigbird:block=32", "bigbird:block=64"));
        }
        int block = spec.positiveInt("block", 0);
        int seq = spec.positiveInt("seq", SEQ);
        long seed = spec.seed(ARTIFACT_SEED);
        if (seq % block != 0) {
            throw UserError.of("bigbird block " + block + " does not divide the sequence length " + seq);
        }
        if (seed < 0 || seed > 0xFFFFFFFFL) {
            throw UserError.of("bigbird seed " + seed + " is outside numpy's seed range 0..4294967295");
        }
        int blocks = seq / block;
        int scaledBlock = scale == 1 ? block : (int) Math.max(1, Math.round(block * scale));
        int scaledSeq = blocks * scaledBlock;
        int kept = BigBirdMask.keptBlocks(BigBirdMask.blockGrid(blocks, seed));
        Map<String, Integer> dims = new LinkedHashMap<>();
        dims.put("seq", scaledSeq);
        dims.put("block", scaledBlock);
        dims.put("blocks_per_row", blocks);
        String key = String.format("bigbird|seq=%d|block=%d|blocks=%d|seed=%d|v%d", scaledSeq, scaledBlock, blocks, seed,
                GENERATOR_VERSION);
        String summary = String.format("bigbird%s: %dx%d mask of %dx%d blocks, %d of %d blocks kept (density %.1f%%), "
                        + "seed %d", scale == 1 ? "" : " at scale " + scale, scaledSeq, scaledSeq, scaledBlock, scaledBlock,
                kept, blocks * blocks, 100.0 * kept / ((double) blocks * blocks), seed);
        return new GenerationPlan(spec.text(), card(), key, dims, summary, bytes(scaledSeq, scaledBlock, kept), "mask",
                null, () -> {
                    Map<String, DataPart> parts = new LinkedHashMap<>();
                    parts.put("mask", BigBirdMask.mask(blocks, scaledBlock, seed));
                    parts.put(BLOCK_MASK, BigBirdMask.blockMask(blocks, seed));
                    return parts;
                });
    }

    private static long bytes(int seq, int block, int kept) {
        return 12L * kept * ((long) block * block + 1);
    }
}
