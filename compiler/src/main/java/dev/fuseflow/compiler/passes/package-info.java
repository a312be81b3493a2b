/**
 * Graph passes, each a small class named for its effect: merging identical ops, dropping dead ops and
 * inserting broadcasts for fan-out, run in that order by {@link dev.fuseflow.compiler.passes.Cleanup}.
 */
package dev.fuseflow.compiler.passes;
