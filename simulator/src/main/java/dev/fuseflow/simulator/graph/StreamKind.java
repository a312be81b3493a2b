package dev.fuseflow.simulator.graph;

/** What a stream carries (sam-streams-and-primitives.md §1): coordinates, references or values. */
public enum StreamKind {
    CRD, REF, VAL
}
