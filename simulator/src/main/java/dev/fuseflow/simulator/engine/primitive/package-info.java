/**
 * One SAM primitive per class, each with its token behaviour and Comal timing rule in its class comment and token-notation tests beside it (sam-streams-and-primitives.md §4, comal-timing-model.md §4).
 */
package dev.fuseflow.simulator.engine.primitive;
