/**
 * Exporters and printers: DOT pictures of SAM graphs, the --emit summary text.
 */
package dev.fuseflow.compiler.export;
