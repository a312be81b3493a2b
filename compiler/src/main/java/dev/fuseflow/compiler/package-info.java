/**
 * The compiler's front door (Compiler) and its products: a CompiledProgram of one CompiledGroup (order, valid orders, SAM graph) per fusion group.
 */
package dev.fuseflow.compiler;
