// Malformed MLIR, one case per section (sections end at '// -----'). Each case carries one annotation
//   // expected-error@+N:COL {{words}}
// meaning: reading the section fails with one sentence "invalid.mlir:L:COL: ..." containing the words, where L is
// the annotation's line plus N. MlirDiagnosticsTest reads every section with its original line numbers.

// expected-error@+2:8 {{unsupported op 'tensor.expand_shape' (supported: arith.constant, tensor.empty}}
func.func @unknown_op(%a: tensor<4x4xf32>) -> tensor<1x4x4xf32> {
  %0 = tensor.expand_shape %a [[0, 1], [2]] output_shape [1, 4, 4] : tensor<4x4xf32> into tensor<1x4x4xf32>
  return %0 : tensor<1x4x4xf32>
}

// -----

#map = affine_map<(d0) -> (d0)>
func.func @unknown_body_op(%a: tensor<4xf32>) -> tensor<4xf32> {
  %e = tensor.empty() : tensor<4xf32>
  %0 = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel"]} ins(%a : tensor<4xf32>) outs(%e : tensor<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    // expected-error@+1:10 {{unsupported op 'math.log' (supported: arith.addf}}
    %1 = math.log %in : f32
    linalg.yield %1 : f32
  } -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// expected-error@+1:36 {{compound expressions like 'd0 + d1' are not supported}}
#bad = affine_map<(d0, d1) -> (d0, d0 + d1)>

// -----

// expected-error@+1:32 {{'d2' is not a dimension of the affine map (dimensions: d0, d1)}}
#bad = affine_map<(d0, d1) -> (d2, d1)>

// -----

#map = affine_map<(d0, d1) -> (d0, d1)>
func.func @map_count(%a: tensor<4x4xf32>) -> tensor<4x4xf32> {
  %e = tensor.empty() : tensor<4x4xf32>
  // expected-error@+1:23 {{linalg.generic has 1 indexing maps for 2 operands (1 ins, 1 outs)}}
  %0 = linalg.generic {indexing_maps = [#map], iterator_types = ["parallel", "parallel"]} ins(%a : tensor<4x4xf32>) outs(%e : tensor<4x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<4x4xf32>
  return %0 : tensor<4x4xf32>
}

// -----

#map = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0, 1)>
func.func @constant_index(%a: tensor<4x4xf32>, %b: tensor<4x1xf32>) -> tensor<4x4xf32> {
  %e = tensor.empty() : tensor<4x4xf32>
  %0 = linalg.generic {indexing_maps = [#map, #row, #map], iterator_types = ["parallel", "parallel"]} ins(%a, %b : tensor<4x4xf32>, tensor<4x1xf32>) outs(%e : tensor<4x4xf32>) {
  ^bb0(%in: f32, %in_1: f32, %out: f32):
    %1 = arith.subf %in, %in_1 : f32
    linalg.yield %1 : f32
  } -> tensor<4x4xf32>
  return %0 : tensor<4x4xf32>
}
// expected-error@-10:36 {{a constant is supported only as 0 on a dimension of size 1}}

// -----

func.func @type_mismatch(%a: tensor<4x5xf32>, %b: tensor<5x6xf32>) -> tensor<4x6xf32> {
  %e = tensor.empty() : tensor<4x6xf32>
  // expected-error@+1:26 {{type mismatch: %a is defined as tensor<4x5xf32> but used as tensor<4x6xf32>}}
  %0 = linalg.matmul ins(%a, %b : tensor<4x6xf32>, tensor<5x6xf32>) outs(%e : tensor<4x6xf32>) -> tensor<4x6xf32>
  return %0 : tensor<4x6xf32>
}

// -----

func.func @shape_mismatch(%a: tensor<4x5xf32>, %b: tensor<7x6xf32>) -> tensor<4x6xf32> {
  %e = tensor.empty() : tensor<4x6xf32>
  // expected-error@+1:8 {{type mismatch: loop k of linalg.matmul spans dimension 1 of %a of size 5 and dimension 0 of %b of size 7}}
  %0 = linalg.matmul ins(%a, %b : tensor<4x5xf32>, tensor<7x6xf32>) outs(%e : tensor<4x6xf32>) -> tensor<4x6xf32>
  return %0 : tensor<4x6xf32>
}

// -----

func.func @undefined(%a: tensor<4x5xf32>) -> tensor<4x5xf32> {
  // expected-error@+1:27 {{value %b is used but not defined before this point}}
  %0 = linalg.add ins(%a, %b : tensor<4x5xf32>, tensor<4x5xf32>) outs(%a : tensor<4x5xf32>) -> tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

// -----

#CSR = #sparse_tensor.encoding<{
  // expected-error@+1:3 {{the legacy sparse encoding field 'lvlTypes' is not supported}}
  lvlTypes = [ "dense", "compressed" ]
}>

// -----

// expected-error@+1:55 {{level type 'singleton' is not supported (accepted: dense, compressed)}}
#COO = #sparse_tensor.encoding<{ map = (i, j) -> (i : singleton, j : compressed) }>

// -----

func.func @alias(%a: tensor<4x5xf32>) -> tensor<4x5xf32> {
  %e = tensor.empty() : tensor<4x5xf32>
  // expected-error@+1:23 {{the alias #nowhere is not defined}}
  %0 = linalg.generic #nowhere ins(%a : tensor<4x5xf32>) outs(%e : tensor<4x5xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

// -----

func.func @no_result(%a: tensor<4x5xf32>, %b: tensor<4x5xf32>) {
  %0 = linalg.add ins(%a, %b : tensor<4x5xf32>, tensor<4x5xf32>) outs(%a : tensor<4x5xf32>) -> tensor<4x5xf32>
  // expected-error@+1:3 {{the function returns no value}}
  return
}

// -----

func.func @returns_argument(%a: tensor<4x5xf32>) -> tensor<4x5xf32> {
  // expected-error@+1:10 {{the function returns %a, which is not computed by a linalg op}}
  return %a : tensor<4x5xf32>
}

// -----

func.func @stray(%a: tensor<4x5xf32>) -> tensor<4x5xf32> {
  // expected-error@+1:8 {{unexpected character '~' in MLIR text}}
  %0 = ~linalg.add
}

// -----

#map = affine_map<(d0) -> (d0)>
func.func @minimum(%a: tensor<4xf32>) -> tensor<4xf32> {
  %c = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4xf32>
  %0 = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel"]} ins(%a : tensor<4xf32>) outs(%e : tensor<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %1 = arith.cmpf ugt, %in, %c : f32
    // expected-error@+1:10 {{this select computes a minimum, which FuseFlow does not support}}
    %2 = arith.select %1, %c, %in : f32
    linalg.yield %2 : f32
  } -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

#map = affine_map<(d0, d1) -> (d0, d1)>
#red = affine_map<(d0, d1) -> (d0)>
func.func @bad_reduction(%a: tensor<4x5xf32>) -> tensor<4xf32> {
  %e = tensor.empty() : tensor<4xf32>
  %0 = linalg.generic {indexing_maps = [#map, #red], iterator_types = ["parallel", "reduction"]} ins(%a : tensor<4x5xf32>) outs(%e : tensor<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    // expected-error@+1:10 {{arith.mulf on the accumulator is not a reduction FuseFlow supports}}
    %1 = arith.mulf %in, %out : f32
    linalg.yield %1 : f32
  } -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// A file cut off inside an op's body.
#map = affine_map<(d0) -> (d0)>
func.func @truncated(%a: tensor<4xf32>) -> tensor<4xf32> {
  %e = tensor.empty() : tensor<4xf32>
  // expected-error@+1:134 {{the linalg.generic body opened here has no linalg.yield}}
  %0 = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel"]} ins(%a : tensor<4xf32>) outs(%e : tensor<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %1 = math.exp %in : f32

// -----

// A file cut off inside a type.
// expected-error@+1:30 {{expected a type like tensor<4x4xf32> or f32 but found the end of the file}}
func.func @truncated_type(%a: 
