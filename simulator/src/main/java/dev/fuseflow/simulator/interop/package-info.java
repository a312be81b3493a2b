/**
 * Interchange with the original tools: reading and writing the Comal/tortilla {@code ComalGraph} protobuf
 * (binary or text) as {@link dev.fuseflow.simulator.graph.SamGraph}s. The message classes are generated
 * from {@code src/main/proto/comal}; the conventions follow comal-timing-model.md §3 and §11 and
 * fuseflow-compiler.md §4.
 */
package dev.fuseflow.simulator.interop;
