/**
 * Graph passes, each a small class named for its effect (so far: broadcast insertion for fan-out).
 */
package dev.fuseflow.compiler.passes;
