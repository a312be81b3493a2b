/**
 * Exporters and printers of compiled programs: DOT pictures, the JSON document ({@code compiler/docs/graph-json.md}),
 * the original's Comal protobuf in binary and text form, and the {@code --emit summary} text.
 */
package dev.fuseflow.compiler.export;
