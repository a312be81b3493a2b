package dev.fuseflow.compiler.frontend.mlir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuseflow.compiler.CompiledProgram;
import dev.fuseflow.compiler.Compiler;
import dev.fuseflow.compiler.ir.Program;
import dev.fuseflow.compiler.run.GeneratedInputs;
import dev.fuseflow.compiler.run.ProgramRunner;
import dev.fuseflow.compiler.run.RunResult;
import dev.fuseflow.compiler.schedule.Schedule;
import dev.fuseflow.diagnostics.UserError;
import dev.fuseflow.simulator.engine.EngineOptions;
import dev.fuseflow.simulator.engine.Simulator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the reader makes of each construct of the subset, as printed programs. */
class MlirReaderTest {

    private static final String HEADER = """
            #map = affine_map<(d0, d1) -> (d0, d1)>
            #map1 = affine_map<(d0, d1) -> (d1, d0)>
            #bias = affine_map<(d0, d1) -> (d1)>
            #row = affine_map<(d0, d1) -> (d0, 0)>
            #SPARSE = #sparse_tensor.encoding<{ map = (i, j) -> (i : compressed, j : compressed) }>
            """;

    /** A torch-mlir style layer: aggregation, folded weight transpose, bias, ReLU, and a softmax with a dead log. */
    private static final String LAYER = HEADER + """
            module attributes {torch.debug_module_name = "Layer"} {
              ml_program.global private mutable @global_seed(dense<0> : tensor<i64>) : tensor<i64>
              func.func @forward(%arg0: tensor<8x6xf32>, %arg1: tensor<8x8xf32, #SPARSE>) -> tensor<8x5xf32> {
                %cst = arith.constant dense_resource<__elided__> : tensor<5x6xf32>
                %cst_0 = arith.constant 0.000000e+00 : f32
                %cst_1 = arith.constant 0xFF800000 : f32
                %c0_i64 = arith.constant 0 : i64
                %b = arith.constant dense_resource<__elided__> : tensor<5xf32>
                %0 = tensor.empty() : tensor<8x6xf32>
                %1 = linalg.fill ins(%cst_0 : f32) outs(%0 : tensor<8x6xf32>) -> tensor<8x6xf32>
                %2 = linalg.matmul ins(%arg1, %arg0 : tensor<8x8xf32, #SPARSE>, tensor<8x6xf32>) outs(%1 : tensor<8x6xf32>) -> tensor<8x6xf32>
                %3 = tensor.empty() : tensor<6x5xf32, #SPARSE>
                %4 = linalg.generic {indexing_maps = [#map, #map1], iterator_types = ["parallel", "parallel"]} ins(%cst : tensor<5x6xf32>) outs(%3 : tensor<6x5xf32, #SPARSE>) {
                ^bb0(%in: f32, %out: f32):
                  linalg.yield %in : f32
                } -> tensor<6x5xf32, #SPARSE>
                %5 = tensor.empty() : tensor<8x5xf32>
                %6 = linalg.matmul {cast = #linalg.type_fn<cast_signed>} ins(%2, %4 : tensor<8x6xf32>, tensor<6x5xf32, #SPARSE>) outs(%5 : tensor<8x5xf32>) -> tensor<8x5xf32>
                %7 = linalg.generic {indexing_maps = [#map, #bias, #map], iterator_types = ["parallel", "parallel"]} ins(%6, %b : tensor<8x5xf32>, tensor<5xf32>) outs(%5 : tensor<8x5xf32>) {
                ^bb0(%in: f32, %in_2: f32, %out: f32):
                  %20 = arith.addf %in, %in_2 : f32
                  linalg.yield %20 : f32
                } -> tensor<8x5xf32>
                %8 = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel", "parallel"]} ins(%7 : tensor<8x5xf32>) outs(%5 : tensor<8x5xf32>) {
                ^bb0(%in: f32, %out: f32):
                  %20 = arith.cmpf ugt, %in, %cst_0 : f32
                  %21 = arith.select %20, %in, %cst_0 : f32
                  linalg.yield %21 : f32
                } -> tensor<8x5xf32>
                %9 = tensor.empty() : tensor<8x1xf32>
                %10 = linalg.fill ins(%cst_1 : f32) outs(%9 : tensor<8x1xf32>) -> tensor<8x1xf32>
                %11 = tensor.empty() : tensor<8x1xi64>
                %12 = linalg.fill ins(%c0_i64 : i64) outs(%11 : tensor<8x1xi64>) -> tensor<8x1xi64>
                %13:2 = linalg.generic {indexing_maps = [#map, #row, #row], iterator_types = ["parallel", "reduction"]} ins(%8 : tensor<8x5xf32>) outs(%10, %12 : tensor<8x1xf32>, tensor<8x1xi64>) {
                ^bb0(%in: f32, %out: f32, %out_2: i64):
                  %20 = linalg.index 1 : index
                  %21 = arith.index_cast %20 : index to i64
                  %22 = arith.maximumf %in, %out : f32
                  %23 = arith.cmpf ogt, %in, %out : f32
                  %24 = arith.select %23, %21, %out_2 : i64
                  linalg.yield %22, %24 : f32, i64
                } -> (tensor<8x1xf32>, tensor<8x1xi64>)
                %14 = linalg.generic {indexing_maps = [#map, #row, #map], iterator_types = ["parallel", "parallel"]} ins(%8, %13#0 : tensor<8x5xf32>, tensor<8x1xf32>) outs(%5 : tensor<8x5xf32>) {
                ^bb0(%in: f32, %in_2: f32, %out: f32):
                  %20 = arith.subf %in, %in_2 : f32
                  %21 = math.exp %20 : f32
                  linalg.yield %21 : f32
                } -> tensor<8x5xf32>
                %15 = tensor.empty() : tensor<8x1xf32>
                %16 = linalg.fill ins(%cst_0 : f32) outs(%15 : tensor<8x1xf32>) -> tensor<8x1xf32>
                %17 = linalg.generic {indexing_maps = [#map, #row], iterator_types = ["parallel", "reduction"]} ins(%14 : tensor<8x5xf32>) outs(%16 : tensor<8x1xf32>) {
                ^bb0(%in: f32, %out: f32):
                  %20 = arith.addf %in, %out : f32
                  linalg.yield %20 : f32
                } -> tensor<8x1xf32>
                %dead = linalg.generic {indexing_maps = [#row, #map], iterator_types = ["parallel", "parallel"]} ins(%17 : tensor<8x1xf32>) outs(%15 : tensor<8x1xf32>) {
                ^bb0(%in: f32, %out: f32):
                  %20 = math.log %in : f32
                  linalg.yield %20 : f32
                } -> tensor<8x1xf32>
                %18 = linalg.generic {indexing_maps = [#map, #row, #map], iterator_types = ["parallel", "parallel"]} ins(%14, %17 : tensor<8x5xf32>, tensor<8x1xf32>) outs(%5 : tensor<8x5xf32>) {
                ^bb0(%in: f32, %in_2: f32, %out: f32):
                  %20 = arith.divf %in, %in_2 : f32
                  linalg.yield %20 : f32
                } -> tensor<8x5xf32>
                return %18 : tensor<8x5xf32>
              }
            }
            """;

    private static Program read(String text) {
        return MlirReader.parse(text, "test.mlir").program(ShapeBinding.declared()).program();
    }

    @Test
    void aTorchLayerBecomesItsAssignments() {
        Program program = read(LAYER);
        assertEquals("""
                # program test
                arg0: (dense, dense) [8, 6]
                arg1: (compressed, compressed) [8, 8]
                b: (dense) [5]
                v4: (compressed, compressed) [6, 5]
                v2: (dense, dense) [8, 6]
                v6: (dense, dense) [8, 5]
                v7: (dense, dense) [8, 5]
                v8: (dense, dense) [8, 5]
                v13_0: (dense) [8]
                v14: (dense, dense) [8, 5]
                v17: (dense) [8]
                v18: (dense, dense) [8, 5]
                0: v2(i,j) = sum_k(arg1(i,k) * arg0(k,j))
                1: v6(i,j) = sum_k(v2(i,k) * v4(k,j))
                2: v7(i,j) = v6(i,j) + b(j)
                3: v8(i,j) = relu(v7(i,j))
                4: v13_0(i) = max_j(v8(i,j))
                5: v14(i,j) = exp(v8(i,j) - v13_0(i))
                6: v17(i) = sum_j(v14(i,j))
                7: v18(i,j) = v14(i,j) / v17(i)
                """, program.toString());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"unfused", "groups=0-3,4-7", "groups=0-1,2-3,4-7"})
    void aReadProgramCompilesSimulatesAndVerifies(String fusion) {
        Program program = read(LAYER);
        int n = program.assignments().size();
        Schedule schedule = fusion.equals("unfused") ? Schedule.unfused(n) : Schedule.parse(fusion, n);
        CompiledProgram compiled = Compiler.compile(program, fusion, schedule, "auto");
        // Density 1 keeps every adjacency row non-empty, so no dense intermediate has unstored holes (see
        // FixtureCompatibilityTest, stored zeros).
        RunResult run = new ProgramRunner(new Simulator(EngineOptions.DEFAULT))
                .run(compiled, GeneratedInputs.forProgram(program, 1.0, 3), () -> false);
        assertTrue(run.verified(), run.verifications().toString());
    }

    private static String body(String ops, String yield) {
        return """
                #map = affine_map<(d0, d1) -> (d0, d1)>
                func.func @f(%x: tensor<4x5xf32>, %y: tensor<4x5xf32>) -> tensor<4x5xf32> {
                  %c0 = arith.constant 0.0 : f32
                  %c1 = arith.constant 1.0 : f32
                  %c8 = arith.constant 8.0 : f32
                  %e = tensor.empty() : tensor<4x5xf32>
                  %0 = linalg.generic {indexing_maps = [#map, #map, #map], iterator_types = ["parallel", "parallel"]} ins(%x, %y : tensor<4x5xf32>, tensor<4x5xf32>) outs(%e : tensor<4x5xf32>) {
                  ^bb0(%a: f32, %b: f32, %out: f32):
                """ + ops + "    linalg.yield " + yield + " : f32\n  } -> tensor<4x5xf32>\n  return %0 : tensor<4x5xf32>\n}\n";
    }

    private static String value(String ops, String yield) {
        return read(body(ops, yield)).assignments().get(0).value().toString();
    }

    @Test
    void bodyPatternsBecomeExpressions() {
        assertEquals("x(i,j) * y(i,j) + x(i,j)", value("    %1 = arith.mulf %a, %b : f32\n    %2 = arith.addf %1, %a : f32\n", "%2"));
        assertEquals("x(i,j) / 8.0", value("    %1 = arith.divf %a, %c8 : f32\n", "%1"));
        assertEquals("x(i,j) * 8.0", value("    %1 = arith.mulf %c8, %a : f32\n", "%1"));
        assertEquals("x(i,j) + -1.0", value("    %1 = arith.subf %a, %c1 : f32\n", "%1"));
        assertEquals("relu(x(i,j))", value("    %1 = arith.maximumf %a, %c0 : f32\n", "%1"));
        assertEquals("max(y(i,j), 8.0)", value("    %1 = arith.cmpf ogt, %b, %c8 : f32\n    %2 = arith.select %1, %b, %c8 : f32\n", "%2"));
        assertEquals("relu(x(i,j))", value("    %1 = arith.cmpf ult, %a, %c0 : f32\n    %2 = arith.select %1, %c0, %a : f32\n", "%2"));
        assertEquals("sigmoid(x(i,j))", value("    %1 = arith.negf %a : f32\n    %2 = math.exp %1 : f32\n"
                + "    %3 = arith.addf %c1, %2 : f32\n    %4 = arith.divf %c1, %3 : f32\n", "%4"));
        assertEquals("rsqrt(x(i,j) + 1.0E-5)", value("    %d = arith.extf %a : f32 to f64\n    %eps = arith.constant 1.000000e-05 : f64\n"
                + "    %1 = arith.addf %d, %eps : f64\n    %2 = arith.truncf %1 : f64 to f32\n    %3 = math.rsqrt %2 : f32\n", "%3"));
        assertEquals("x(i,j) - y(i,j)", value("    %1 = arith.subf %a, %b : f32\n", "%1"));
        assertEquals("x(i,j) / y(i,j)", value("    %1 = arith.divf %a, %b : f32\n", "%1"));
    }

    @Test
    void namedOpsAreTheirGenericForms() {
        String text = """
                #S = #sparse_tensor.encoding<{ map = (i, j) -> (j : compressed, i : dense) }>
                func.func @f(%a: tensor<3x4xf32, #S>, %v: tensor<4xf32>, %p: tensor<2x3x4xf32>, %q: tensor<2x4x5xf32>,
                             %s: tensor<3xf32>) -> (tensor<3xf32>, tensor<2x3x5xf32>, tensor<4x3xf32>) {
                  %e1 = tensor.empty() : tensor<3xf32>
                  %0 = linalg.matvec ins(%a, %v : tensor<3x4xf32, #S>, tensor<4xf32>) outs(%e1 : tensor<3xf32>) -> tensor<3xf32>
                  %1 = linalg.add ins(%0, %s : tensor<3xf32>, tensor<3xf32>) outs(%e1 : tensor<3xf32>) -> tensor<3xf32>
                  %e2 = tensor.empty() : tensor<2x3x5xf32>
                  %2 = linalg.batch_matmul ins(%p, %q : tensor<2x3x4xf32>, tensor<2x4x5xf32>) outs(%e2 : tensor<2x3x5xf32>) -> tensor<2x3x5xf32>
                  %e3 = tensor.empty() : tensor<4x3xf32>
                  %3 = linalg.transpose ins(%a : tensor<3x4xf32, #S>) outs(%e3 : tensor<4x3xf32>) permutation = [1, 0]
                  return %1, %2, %3 : tensor<3xf32>, tensor<2x3x5xf32>, tensor<4x3xf32>
                }
                """;
        Program program = read(text);
        assertEquals("a: (compressed, dense) [3, 4] order [1, 0]", program.tensor("a").toString());
        assertEquals(List.of("v0(i) = sum_k(a(i,k) * v(k))", "v1(i) = v0(i) + s(i)",
                "v2(b,i,j) = sum_k(p(b,i,k) * q(b,k,j))", "v3(j,i) = a(i,j)"),
                program.assignments().stream().map(Object::toString).toList());
    }

    @Test
    void unitDimensionsAreDroppedAndDynamicOnesBound() {
        String text = """
                #in = affine_map<(d0, d1, d2) -> (0, d1, d2)>
                #id = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
                #b = affine_map<(d0, d1, d2) -> (d2)>
                func.func @f(%x: tensor<1x?x768xf32>, %b: tensor<768xf32>) -> tensor<1x?x768xf32> {
                  %e = tensor.empty() : tensor<1x?x768xf32>
                  %0 = linalg.generic {indexing_maps = [#in, #b, #id], iterator_types = ["parallel", "parallel", "parallel"]} ins(%x, %b : tensor<1x?x768xf32>, tensor<768xf32>) outs(%e : tensor<1x?x768xf32>) {
                  ^bb0(%in: f32, %in_1: f32, %out: f32):
                    %1 = arith.addf %in, %in_1 : f32
                    linalg.yield %1 : f32
                  } -> tensor<1x?x768xf32>
                  return %0 : tensor<1x?x768xf32>
                }
                """;
        MlirModule module = MlirReader.parse(text, "unit.mlir");
        assertEquals(List.of("x.1", "x.2"), module.dimensions().stream().map(MlirDimension::name).toList());
        UserError unbound = assertThrows(UserError.class, () -> module.program(ShapeBinding.declared()));
        assertTrue(unbound.getMessage().contains("dimension x.1 is dynamic"), unbound.getMessage());
        MlirProgram bound = module.program(new ShapeBinding(Map.of("v0.1", 16, "b.0", 32), 1, 0));
        assertEquals("x: (dense, dense) [16, 32]", bound.program().tensor("x").toString());
        assertEquals("v0(i,j) = x(i,j) + b(j)", bound.program().assignments().get(0).toString());
        assertEquals(List.of("dimension x.2 is declared 768 and rebound to 32"), bound.warnings());
        MlirProgram scaled = module.program(new ShapeBinding(Map.of(), 0.5, 10));
        assertEquals("x: (dense, dense) [10, 384]", scaled.program().tensor("x").toString());
        assertTrue(scaled.warnings().get(0).contains("x.1 has no binding and gets size 10"), scaled.warnings().toString());
        UserError unknown = assertThrows(UserError.class, () -> module.program(new ShapeBinding(Map.of("y.0", 3), 1, 4)));
        assertTrue(unknown.getMessage().contains("dimension 'y.0' is not a dimension"), unknown.getMessage());
    }

    @Test
    void splitFilesChainIntoOneProgram() {
        String first = """
                #S = #sparse_tensor.encoding<{ map = (i, j) -> (i : compressed, j : compressed) }>
                func.func @matmul1(%arg0: tensor<100x100xf32, #S>, %arg1: tensor<100x50xf32>, %argout: tensor<100x50xf32>) -> tensor<100x50xf32> {
                  %2 = linalg.matmul ins(%arg0, %arg1 : tensor<100x100xf32, #S>, tensor<100x50xf32>) outs(%argout : tensor<100x50xf32>) -> tensor<100x50xf32>
                  return %2 : tensor<100x50xf32>
                }
                """;
        String second = """
                #S = #sparse_tensor.encoding<{ map = (i, j) -> (i : compressed, j : compressed) }>
                func.func @matmul1(%arg0: tensor<100x100xf32, #S>, %arg1: tensor<100x16xf32>, %argout: tensor<100x16xf32>) -> tensor<100x16xf32> {
                  %2 = linalg.matmul ins(%arg0, %arg1 : tensor<100x100xf32, #S>, tensor<100x16xf32>) outs(%argout : tensor<100x16xf32>) -> tensor<100x16xf32>
                  return %2 : tensor<100x16xf32>
                }
                """;
        MlirProgram chained = MlirModule.chain(List.of(MlirReader.parse(first, "adj_x1.mlir"),
                MlirReader.parse(second, "adj_x2.mlir")), ShapeBinding.declared());
        assertEquals(List.of("adj_x1_v2(i,j) = sum_k(adj_x1_arg0(i,k) * adj_x1_arg1(k,j))",
                "adj_x2_v2(i,j) = sum_k(adj_x2_arg0(i,k) * adj_x1_v2(k,j))"),
                chained.program().assignments().stream().map(Object::toString).toList());
        assertEquals(List.of(List.of(0), List.of(1)), chained.fileGroups());
        assertEquals("adj_x2_v2: (dense, dense) [100, 50]", chained.program().tensor("adj_x2_v2").toString());
        assertTrue(chained.warnings().contains("dimension adj_x2_arg1.1 is declared 16 but receives adj_x1_v2.1 of size 50;"
                + " the chain uses 50"), chained.warnings().toString());
    }

    @Test
    void anAmbiguousChainIsRefusedNamingTheCandidates() {
        String producer = """
                func.func @p(%a: tensor<4x4xf32>, %b: tensor<4x4xf32>) -> tensor<4x4xf32> {
                  %0 = linalg.add ins(%a, %b : tensor<4x4xf32>, tensor<4x4xf32>) outs(%a : tensor<4x4xf32>) -> tensor<4x4xf32>
                  return %0 : tensor<4x4xf32>
                }
                """;
        UserError error = assertThrows(UserError.class, () -> MlirModule.chain(List.of(MlirReader.parse(producer, "one.mlir"),
                MlirReader.parse(producer, "two.mlir")), ShapeBinding.declared()));
        assertTrue(error.getMessage().startsWith("cannot tell which argument of two.mlir receives the result %0 of one.mlir"),
                error.getMessage());
    }

    @Test
    void deadUnsupportedOpsAreIgnoredButLiveOnesAreNamed() {
        String text = """
                func.func @f(%a: tensor<4x4xf32>, %b: tensor<4x4xf32>) -> tensor<4x4xf32> {
                  %x = tensor.expand_shape %a [[0, 1], [2]] output_shape [1, 4, 4] : tensor<4x4xf32> into tensor<1x4x4xf32>
                  %0 = linalg.mul ins(%a, %b : tensor<4x4xf32>, tensor<4x4xf32>) outs(%a : tensor<4x4xf32>) -> tensor<4x4xf32>
                  return %0 : tensor<4x4xf32>
                }
                """;
        assertEquals("v0(i,j) = a(i,j) * b(i,j)", read(text).assignments().get(0).toString());
    }

    @Test
    void aFillReadAsDataIsAConstantInputWithAWarning() {
        String text = """
                func.func @f(%a: tensor<4x4xf32>) -> tensor<4x4xf32> {
                  %c = arith.constant 0.0 : f32
                  %e = tensor.empty() : tensor<4x4xf32>
                  %f = linalg.fill ins(%c : f32) outs(%e : tensor<4x4xf32>) -> tensor<4x4xf32>
                  %0 = linalg.matmul ins(%f, %a : tensor<4x4xf32>, tensor<4x4xf32>) outs(%e : tensor<4x4xf32>) -> tensor<4x4xf32>
                  return %0 : tensor<4x4xf32>
                }
                """;
        MlirProgram bound = MlirReader.parse(text, "fill.mlir").program(ShapeBinding.declared());
        assertEquals(List.of("a", "f"), bound.program().inputs().stream().sorted().toList());
        assertTrue(bound.warnings().get(0).startsWith("%f (linalg.fill at fill.mlir:4:8) is read as a tensor operand"),
                bound.warnings().toString());
    }

    @Test
    void torchMlirHeadersAttributesAndResourceBlobsAreSkipped() {
        String text = """
                // -----// IR Dump Before VerifyLinalgOnTensorsBackendContract (torch-verify-linalg-on-tensors-backend-contract) //----- //
                #map = affine_map<(d0, d1) -> (d0, d1)>
                module attributes {torch.debug_module_name = "Relu"} {
                  func.func @forward(%arg0: tensor<3x4xf32> {torch.type_bound = "x"}) -> tensor<3x4xf32> attributes {torch.assume_strict_symbolic_shapes} {
                    %w = arith.constant dense_resource<torch_tensor_3_4_torch.float32> : tensor<3x4xf32>
                    %cst = arith.constant 0.000000e+00 : f32
                    %0 = tensor.empty() : tensor<3x4xf32>
                    %1 = linalg.generic {indexing_maps = [#map, #map, #map], iterator_types = ["parallel", "parallel"]} ins(%arg0, %w : tensor<3x4xf32>, tensor<3x4xf32>) outs(%0 : tensor<3x4xf32>) attrs = {torch.note = "x"} {
                    ^bb0(%in: f32, %in_0: f32, %out: f32):
                      %2 = arith.mulf %in, %in_0 fastmath<fast> : f32
                      %3 = arith.maximumf %2, %cst : f32
                      linalg.yield %3 : f32
                    } -> tensor<3x4xf32>
                    func.return %1 : tensor<3x4xf32>
                  }
                }

                {-#
                  dialect_resources: {
                    builtin: {
                      torch_tensor_3_4_torch.float32: "0x040000000000803F0000803F"
                    }
                  }
                #-}
                """;
        Program program = read(text);
        assertEquals(List.of("v1(i,j) = relu(arg0(i,j) * w(i,j))"),
                program.assignments().stream().map(Object::toString).toList());
        assertEquals("forward", MlirReader.parse(text, "relu.mlir").functionName());
    }
}
