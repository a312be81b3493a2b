/**
 * The CPU reference evaluator (the oracle, structural semantics of ARCHITECTURE.md §3.0, no code shared with the lowering) and the verification of simulated outputs against it.
 */
package dev.fuseflow.compiler.reference;
