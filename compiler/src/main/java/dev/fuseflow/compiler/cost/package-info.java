/**
 * The static cost model: FLOPs, memory accesses and a cycle estimate of a schedule, computed from the
 * program and statistics of its inputs (stored coordinates per level) without simulating. It chooses the
 * {@code auto} dataflow order and lets sweeps prune schedules predicted to lose.
 */
package dev.fuseflow.compiler.cost;
