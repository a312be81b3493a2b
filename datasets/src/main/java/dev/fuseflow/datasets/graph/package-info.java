/**
 * Graph datasets: offline stand-ins for the paper's Cora, Cora-ML, DBLP, OGB Collab and OGB MAG (Chung–Lu
 * graphs with their exact node and edge counts and power-law degrees fitted to their mean degree), and
 * Zachary's real karate club.
 */
package dev.fuseflow.datasets.graph;
