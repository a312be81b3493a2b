/**
 * The engine: packed timestamped tokens, ring-buffer channels, the primitive state-machine base class, the single-threaded scheduler with Parks' rule, and the simulator that wires a SamGraph to primitives (comal-timing-model.md §2, §13).
 */
package dev.fuseflow.simulator.engine;
