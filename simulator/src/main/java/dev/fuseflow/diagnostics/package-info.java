/**
 * The one error type for user mistakes ({@link dev.fuseflow.diagnostics.UserError}), shared by every
 * module so the shell and the kernel can map it once (exit code 2, an error cell). Internal failures stay
 * ordinary exceptions.
 */
package dev.fuseflow.diagnostics;
