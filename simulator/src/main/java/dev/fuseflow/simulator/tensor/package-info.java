/**
 * Fibertree tensors: dense and compressed levels in any mode order, builders from coordinate lists and dense arrays, dense conversion (sam-streams-and-primitives.md §2); block tensors (b×b tiles over a block fibertree, BCSR) for true-block mode.
 */
package dev.fuseflow.simulator.tensor;
