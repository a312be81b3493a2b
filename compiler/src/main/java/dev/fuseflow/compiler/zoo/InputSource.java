package dev.fuseflow.compiler.zoo;

/** Where a zoo model's input tensor takes its values from. */
public sealed interface InputSource {

    /**
     * A named part of the dataset ({@code matrix}, {@code features}, {@code adjacency}, {@code input},
     * {@code enc_weight}, {@code mask}, … — see {@code dev.fuseflow.datasets.Dataset}); its shape must be the
     * tensor's.
     */
    record Part(String name) implements InputSource {
    }

    /**
     * Model weights drawn from {@code --seed}: with a compressed level each entry is stored with probability
     * {@code density} (1 − sparsity), an all-dense tensor stores every entry; values are uniform in
     * [−{@code scale}, {@code scale}) so that deep models keep their activations in range.
     */
    record Weights(double density, double scale) implements InputSource {
        public Weights {
            if (!(density > 0 && density <= 1) || !(scale > 0)) {
                throw new IllegalArgumentException("weights need 0 < density <= 1 and scale > 0");
            }
        }
    }
}
