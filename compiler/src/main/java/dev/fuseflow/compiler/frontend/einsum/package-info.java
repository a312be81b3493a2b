/**
 * The einsum text front end: parses the program text that {@code Program.toString()} prints (tensor
 * declarations, then numbered assignments) back into a {@link dev.fuseflow.compiler.ir.Program}, with
 * {@code file:line:col} in every error.
 */
package dev.fuseflow.compiler.frontend.einsum;
