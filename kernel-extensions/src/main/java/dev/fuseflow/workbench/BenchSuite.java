package dev.fuseflow.workbench;

import dev.fuseflow.compiler.CompiledProgram;
import dev.fuseflow.compiler.Compiler;
import dev.fuseflow.compiler.ir.Access;
import dev.fuseflow.compiler.ir.Assignment;
import dev.fuseflow.compiler.ir.IndexVar;
import dev.fuseflow.compiler.ir.Product;
import dev.fuseflow.compiler.ir.Program;
import dev.fuseflow.compiler.ir.TensorDecl;
import dev.fuseflow.compiler.schedule.Schedule;
import dev.fuseflow.compiler.zoo.Zoo;
import dev.fuseflow.compiler.zoo.ZooModel;
import dev.fuseflow.datasets.Dataset;
import dev.fuseflow.datasets.DatasetRegistry;
import dev.fuseflow.simulator.tensor.FiberTensor;
import dev.fuseflow.simulator.tensor.LevelFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The fixed graph sets of {@code bench} (documented in docs/bench.md). Fixed seeds and sizes, so numbers
 * from different commits compare. The standard set is what the speed goal is measured on; the quick set
 * is the same kinds of graph, tiny, for tests.
 */
final class BenchSuite {
    /** Cora's sizes: 2708 nodes, 10556 edges, 1433 features. */
    static final String CORA_SIZED = "synthetic:rows=2708,cols=2708,density=" + (10556.0 / (2708.0 * 2708.0))
            + ",features=1433,seed=1";

    private BenchSuite() {
    }

    static List<BenchCase> standard() {
        return List.of(
                spmm("spmm-cora", CORA_SIZED,
                        "zoo:spmm (Y = A·X, order auto) on Cora-sized synthetic data: 2708x2708 A with 10556 nnz, 1433 dense features"),
                denseMatmul("matmul-dense-128", 128,
                        "Y = A·X with A and X dense 128x128 (128x128x128 multiply-accumulates), order ikj"));
        // Reference GCN graphs from the protobuf importer slot in here, one line each.
    }

    static List<BenchCase> quick() {
        return List.of(
                spmm("spmm-quick", "synthetic:rows=64,cols=64,density=0.05,features=8,seed=1", "zoo:spmm on 64x64 data"),
                denseMatmul("matmul-dense-8", 8, "dense 8x8x8 matmul"));
    }

    static BenchCase spmm(String name, String datasetSpec, String description) {
        return new BenchCase(name, description, () -> {
            ZooModel model = Zoo.model("spmm");
            Dataset dataset = DatasetRegistry.resolve(datasetSpec, 1.0, 1);
            ProgramOptions options = new ProgramOptions();
            options.model = "zoo:spmm";
            options.fusion = "unfused";
            options.order = "auto";
            options.values = "scalar";
            ResolvedModel resolved = ResolvedModel.resolve(model, options, ResolvedModel.dimensions(model, dataset));
            CompiledProgram compiled = resolved.compile(options.order);
            return new BenchCase.Input(compiled.groups().get(0).graph(), resolved.bind(dataset));
        });
    }

    /** Y(i,j) = sum_k A(i,k)·X(k,j) with every operand dense: every step of the iteration space is a token. */
    static BenchCase denseMatmul(String name, int n, String description) {
        return new BenchCase(name, description, () -> {
            List<LevelFormat> dense = List.of(LevelFormat.DENSE, LevelFormat.DENSE);
            Map<String, TensorDecl> tensors = new LinkedHashMap<>();
            tensors.put("A", TensorDecl.of("A", List.of(n, n), dense));
            tensors.put("X", TensorDecl.of("X", List.of(n, n), dense));
            tensors.put("Y", TensorDecl.of("Y", List.of(n, n), List.of(LevelFormat.COMPRESSED, LevelFormat.COMPRESSED)));
            IndexVar i = new IndexVar("i");
            IndexVar k = new IndexVar("k");
            IndexVar j = new IndexVar("j");
            Program program = new Program("matmul", tensors, List.of(new Assignment(new Access("Y", List.of(i, j)),
                    new Product(new Access("A", List.of(i, k)), new Access("X", List.of(k, j))))));
            CompiledProgram compiled = Compiler.compile(program, "unfused", Schedule.unfused(1), "ikj");
            Map<String, FiberTensor> inputs = new LinkedHashMap<>();
            SplittableRandom random = new SplittableRandom(7);
            for (String tensor : List.of("A", "X")) {
                float[] values = new float[n * n];
                for (int v = 0; v < values.length; v++) {
                    values[v] = (float) (random.nextDouble() * 2 - 1);
                }
                inputs.put(tensor, FiberTensor.fromDense(tensor, new int[] {n, n}, dense, FiberTensor.identityOrder(2),
                        values));
            }
            return new BenchCase.Input(compiled.groups().get(0).graph(), inputs);
        });
    }
}
