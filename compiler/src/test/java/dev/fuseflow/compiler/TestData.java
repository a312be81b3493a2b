package dev.fuseflow.compiler;

import dev.fuseflow.compiler.ir.TensorDecl;
import dev.fuseflow.compiler.run.GeneratedInputs;
import dev.fuseflow.simulator.tensor.FiberTensor;

/** Seeded random tensors for a declaration: compressed tensors at a density, dense ones full. */
final class TestData {
    private TestData() {
    }

    static FiberTensor random(TensorDecl decl, double density, long seed) {
        return GeneratedInputs.random(decl, density, seed);
    }
}
