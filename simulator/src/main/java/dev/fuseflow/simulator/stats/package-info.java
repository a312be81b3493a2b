/**
 * Simulation statistics under the contract names of ARCHITECTURE.md §3.3 (cycles, ops, reduces, flops,
 * reads and writes per array kind, memory accesses, the paper's FLOP and access metrics, token steps).
 */
package dev.fuseflow.simulator.stats;
