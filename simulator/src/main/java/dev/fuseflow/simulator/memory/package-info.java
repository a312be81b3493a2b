/**
 * Memory models: what a memory access costs the primitive that makes it. A model is a pure, sequential
 * function of the request stream (client, size, send time), with no knowledge of the engine; the engine
 * guarantees it sees requests in timestamp order (ties: readers before writers, each in registration
 * order), which is what makes a shared, polled memory such as Comal's HBM deterministic.
 * {@link dev.fuseflow.simulator.memory.MemorySpec} parses the {@code --memory} option.
 */
package dev.fuseflow.simulator.memory;
