package dev.fuseflow.process;

/**
 * How a program run by {@link ProcessRunner} ended.
 *
 * @param exitCode its exit code; -1 when it timed out (it was killed, so its own code says nothing)
 * @param output   what it wrote (stdout, with stderr unless discarded), decoded as UTF-8; when it timed out,
 *                 what it wrote before it was killed
 * @param timedOut whether it was killed for running past the time limit
 */
public record ProcessResult(int exitCode, String output, boolean timedOut) {
}
