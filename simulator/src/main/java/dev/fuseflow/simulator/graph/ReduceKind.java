package dev.fuseflow.simulator.graph;

/** The reductions of a Reduce primitive (protobuf Reduce.Type ADD, MAX, ADDSUM). */
public enum ReduceKind {
    ADD, MAX, ADDSUM
}
