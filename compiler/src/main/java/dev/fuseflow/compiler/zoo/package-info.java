/**
 * The model zoo: models parameterised by dataset dimensions, with fusion presets and data bindings (so far zoo:spmm).
 */
package dev.fuseflow.compiler.zoo;
