/**
 * The program IR: index variables, tensor declarations (shape, level formats, mode order), accesses, products, assignments, programs. Immutable records, printable.
 */
package dev.fuseflow.compiler.ir;
