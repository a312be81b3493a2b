package dev.fuseflow.simulator.graph;

/**
 * One stream of a SAM graph: a unique id, what it carries, and a readable name (tensor and index
 * variable, e.g. {@code A.k.crd}) used in labels, errors and exports.
 */
public record Stream(int id, StreamKind kind, String name) {
}
