/**
 * Running external programs (jupyter, git) to completion: {@link dev.fuseflow.process.ProcessRunner} starts
 * one, drains its output on a thread so a full pipe cannot stall it, and waits, with an optional time limit,
 * for its {@link dev.fuseflow.process.ProcessResult}. An interrupted wait ends the program
 * ({@link dev.fuseflow.process.ProcessInterruptedException}).
 */
package dev.fuseflow.process;
