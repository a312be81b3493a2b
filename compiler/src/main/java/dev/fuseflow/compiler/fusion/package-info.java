/**
 * Lowering through the fusion table (fuseflow-compiler.md §1.10): lazily memoised cells per (tensor view, index variable) that emit scans, repeats, joins, loads, ALUs, reductions and writers on demand.
 */
package dev.fuseflow.compiler.fusion;
