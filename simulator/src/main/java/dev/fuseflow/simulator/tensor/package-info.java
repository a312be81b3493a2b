/**
 * Fibertree tensors: dense and compressed levels in any mode order, builders from coordinate lists and dense arrays, dense conversion (sam-streams-and-primitives.md §2).
 */
package dev.fuseflow.simulator.tensor;
