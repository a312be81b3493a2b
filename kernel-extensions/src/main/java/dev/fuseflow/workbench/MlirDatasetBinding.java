package dev.fuseflow.workbench;

import dev.fuseflow.compiler.frontend.mlir.MlirDimension;
import dev.fuseflow.compiler.frontend.mlir.MlirModule;
import dev.fuseflow.compiler.frontend.mlir.ShapeBinding;
import dev.fuseflow.compiler.ir.Program;
import dev.fuseflow.compiler.ir.TensorDecl;
import dev.fuseflow.compiler.run.GeneratedInputs;
import dev.fuseflow.datasets.Dataset;
import dev.fuseflow.datasets.DenseMatrix;
import dev.fuseflow.datasets.SparseMatrix;
import dev.fuseflow.diagnostics.UserError;
import dev.fuseflow.simulator.tensor.FiberTensor;
import dev.fuseflow.simulator.tensor.LevelFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs an MLIR model on a registered dataset, as torch-mlir exports of GNNs expect: the program's sparse
 * matrix input (rank 2, a compressed level, both dimensions the same size) takes the dataset's matrix, the
 * dense input whose rows are that matrix's columns takes its features, and every other input is a weight
 * drawn from {@code --seed} (40 % dense where it has a compressed level, as the zoo's GNN weights). The
 * matrix's and the features' dimensions are bound from the dataset; static sizes that change are reported
 * as warnings by the reader.
 */
final class MlirDatasetBinding {
    /** Density of compressed weights (the zoo's GNN weights, ARCHITECTURE §3.5) and their value range. */
    static final double WEIGHT_DENSITY = 0.4;
    static final double WEIGHT_SCALE = 0.1;

    private MlirDatasetBinding() {
    }

    /** The tensors that receive dataset parts, and the binding of their dimensions. */
    record Plan(String matrix, String features, ShapeBinding binding) {
    }

    static Plan plan(String spec, Dataset dataset, double scale) {
        List<MlirModule> modules = ResolvedModel.readModules(spec);
        Program declared = MlirModule.chain(modules, new ShapeBinding(Map.of(), 1, GeneratedDataset.DEFAULT_DYNAMIC_SIZE))
                .program();
        SparseMatrix matrix = dataset.matrix().orElseThrow(() -> UserError.of("dataset '" + dataset.spec()
                + "' has no sparse matrix for the MLIR model " + spec + " to read", List.of("cora", "generated")));
        String matrixInput = declared.inputs().stream().filter(name -> isSparseSquare(declared.tensor(name)))
                .findFirst().orElseThrow(() -> UserError.of("the MLIR model " + spec + " has no sparse square input "
                        + "(rank 2, a compressed level) to take the dataset's matrix; run it on --dataset generated",
                        List.of("generated")));
        List<MlirDimension> dimensions = MlirModule.chainDimensions(modules);
        Map<String, Integer> dims = new LinkedHashMap<>();
        dims.put(matrixInput + ".0", matrix.rowCount());
        dims.put(matrixInput + ".1", matrix.colCount());
        String featuresInput = null;
        Optional<DenseMatrix> features = dataset.features();
        if (features.isPresent()) {
            MlirDimension columns = classOf(dimensions, matrixInput + ".1");
            for (String name : declared.inputs()) {
                TensorDecl decl = declared.tensor(name);
                if (!name.equals(matrixInput) && decl.rank() == 2 && !decl.formats().contains(LevelFormat.COMPRESSED)
                        && columns.members().contains(name + ".0")) {
                    featuresInput = name;
                    dims.put(name + ".1", features.get().colCount());
                    break;
                }
            }
        }
        return new Plan(matrixInput, featuresInput, new ShapeBinding(dims, scale,
                GeneratedDataset.DEFAULT_DYNAMIC_SIZE));
    }

    /** The inputs: dataset parts for the planned tensors, seeded weights for the rest. */
    static Map<String, FiberTensor> inputs(Program program, Plan plan, Dataset dataset, long seed) {
        Map<String, FiberTensor> inputs = new LinkedHashMap<>();
        for (String name : program.inputs()) {
            TensorDecl decl = program.tensor(name);
            if (name.equals(plan.matrix())) {
                SparseMatrix m = dataset.matrix().orElseThrow();
                inputs.put(name, FiberTensor.fromCoo(name, decl.shapeArray(), decl.formats(), decl.modeOrderArray(),
                        m.coordinates(), m.values()));
            } else if (name.equals(plan.features())) {
                DenseMatrix f = dataset.features().orElseThrow();
                inputs.put(name, FiberTensor.fromDense(name, decl.shapeArray(), decl.formats(), decl.modeOrderArray(),
                        f.values()));
            } else {
                inputs.put(name, GeneratedInputs.random(decl, WEIGHT_DENSITY, WEIGHT_SCALE,
                        seed * 1_000_003L + name.hashCode()));
            }
        }
        return inputs;
    }

    private static boolean isSparseSquare(TensorDecl decl) {
        return decl.rank() == 2 && decl.formats().contains(LevelFormat.COMPRESSED)
                && decl.shape().get(0).equals(decl.shape().get(1));
    }

    private static MlirDimension classOf(List<MlirDimension> dimensions, String key) {
        return dimensions.stream().filter(d -> d.members().contains(key)).findFirst().orElseThrow();
    }
}
