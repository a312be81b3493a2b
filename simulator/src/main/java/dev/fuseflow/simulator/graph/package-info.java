/**
 * The SAM graph, the machine's instruction set: immutable op records per primitive kind with their parameters and stream ports, typed streams, output specs; JGraphT underneath for order and analysis.
 */
package dev.fuseflow.simulator.graph;
