/**
 * Schedules: fusion groups and their textual form, dataflow orders named by letters, valid-order enumeration and the --order choice (ARCHITECTURE.md §3.6).
 */
package dev.fuseflow.compiler.schedule;
