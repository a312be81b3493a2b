package dev.fuseflow.datasets.autoencoder;

import dev.fuseflow.datasets.DataPart;
import dev.fuseflow.datasets.DatasetCard;
import dev.fuseflow.datasets.DatasetCard.Fact;
import dev.fuseflow.datasets.DatasetEntry;
import dev.fuseflow.datasets.DatasetSpec;
import dev.fuseflow.datasets.GenerationPlan;
import dev.fuseflow.datasets.Seeds;
import dev.fuseflow.diagnostics.UserError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The inputs of the paper's sparse autoencoder for one image dataset (paper-results.md §2.1, SAE): a batch
 * of flattened images and the sparse encoder and decoder weights, drawn as the artifact's data generator
 * draws them. No images are involved: the artifact itself feeds random data of the images' size.
 */
public final class AutoencoderEntry implements DatasetEntry {
    static final int GENERATOR_VERSION = 1;
    public static final int BATCH = 32;
    public static final double DEFAULT_SPARSITY = 0.9;
    static final int D_FLOOR = 8;

    private final String name;
    private final String title;
    private final int d;
    private final int h;
    private final String image;

    public AutoencoderEntry(String name, String title, int d, int h, String image) {
        this.name = name;
        this.title = title;
        this.d = d;
        this.h = h;
        this.image = image;
    }

    public static List<AutoencoderEntry> all() {
        return List.of(
                new AutoencoderEntry("imagenet", "ImageNet images for the sparse autoencoder", 50_176, 256, "224×224 grey"),
                new AutoencoderEntry("nih_cxr", "NIH ChestX-ray images for the sparse autoencoder", 1_048_576, 512,
                        "1024×1024"),
                new AutoencoderEntry("luna16", "LUNA16 CT slices for the sparse autoencoder", 262_144, 512, "512×512"));
    }

    @Override
    public DatasetCard card() {
        return new DatasetCard(name, "autoencoder", title,
                List.of(Fact.of("images per batch", BATCH),
                        new Fact("pixels per image (D, " + image + ")", String.format("%,d", d), false),
                        Fact.of("hidden units (H)", h), new Fact("weight sparsity", "90%", false)),
                "paper-results.md §2.1 SAE (from the artifact's autoencoder_*_batched.mlir and SAE_CONFIG)",
                "as the artifact's data generator: input X (32×D) = randn·0.1, dense; W_enc (D×H) and W_dec (H×D) with "
                        + "exactly round(0.1·D·H) entries at uniform positions, values uniform in [0, 0.01) "
                        + "(scipy.sparse.random·0.01); biases randn·0.01",
                "D × S (floor " + D_FLOOR + "); batch and H fixed; sparsity kept",
                List.of("seed=N (default: --seed)", "sparsity=0.9 (weight sparsity, 0 <= s < 1)"),
                List.of("some of the artifact's docstrings give other sizes (NIH 65536→256, LUNA 32768→256); the "
                        + "sizes here follow its MLIR files"),
                bytes(d, DEFAULT_SPARSITY));
    }

    @Override
    public Set<String> parameterKeys() {
        return Set.of("seed", "sparsity");
    }

    @Override
    public GenerationPlan plan(DatasetSpec spec, double scale, long defaultSeed) {
        spec.checkKeys(parameterKeys());
        long seed = spec.seed(defaultSeed);
        double sparsity = spec.number("sparsity", DEFAULT_SPARSITY);
        if (!(sparsity >= 0 && sparsity < 1)) {
            throw UserError.of("dataset parameter sparsity=" + spec.string("sparsity", "") + " is outside 0 <= s < 1");
        }
        int scaledD = scale == 1 ? d : (int) Math.max(D_FLOOR, Math.round(d * scale));
        double density = 1 - sparsity;
        Map<String, Integer> dims = new LinkedHashMap<>();
        dims.put("batch", BATCH);
        dims.put("d", scaledD);
        dims.put("h", h);
        String key = String.format("%s|batch=%d|d=%d|h=%d|sparsity=%s|seed=%d|v%d", name, BATCH, scaledD, h, sparsity,
                seed, GENERATOR_VERSION);
        String summary = String.format("%s%s: batch %d × D %,d, H %d, weights %.0f%% sparse (%,d entries each); generated, "
                        + "seed %d", name, scale == 1 ? "" : " at scale " + scale, BATCH, scaledD, h, sparsity * 100,
                SparseWeights.entryCount(scaledD, h, density), seed);
        return new GenerationPlan(spec.text(), card(), key, dims, summary, bytes(scaledD, sparsity), null, null, () -> {
            Map<String, DataPart> parts = new LinkedHashMap<>();
            parts.put("input", Seeds.gaussianDense(BATCH, scaledD, 0.1, Seeds.stream(seed, name + "/input")));
            parts.put("enc_weight", SparseWeights.generate(scaledD, h, density, 0.01f, Seeds.stream(seed, name + "/enc_weight")));
            parts.put("enc_bias", Seeds.gaussianDense(1, h, 0.01, Seeds.stream(seed, name + "/enc_bias")));
            parts.put("dec_weight", SparseWeights.generate(h, scaledD, density, 0.01f, Seeds.stream(seed, name + "/dec_weight")));
            parts.put("dec_bias", Seeds.gaussianDense(1, scaledD, 0.01, Seeds.stream(seed, name + "/dec_bias")));
            return parts;
        });
    }

    private long bytes(int dim, double sparsity) {
        long weights = 2 * SparseWeights.entryCount(dim, h, 1 - sparsity);
        return 4L * BATCH * dim + 12 * weights + 4L * (h + dim);
    }
}
