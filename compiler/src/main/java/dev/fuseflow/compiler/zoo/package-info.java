/**
 * The model zoo: models parameterised by dataset dimensions, with fusion presets, data bindings and a card
 * of their numbered assignments ({@link dev.fuseflow.compiler.zoo.Zoo} lists them).
 */
package dev.fuseflow.compiler.zoo;
