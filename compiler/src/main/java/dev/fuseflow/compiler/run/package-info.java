/**
 * Running a compiled program: groups simulated in order with materialised intermediates, statistics summed, every output verified.
 */
package dev.fuseflow.compiler.run;
