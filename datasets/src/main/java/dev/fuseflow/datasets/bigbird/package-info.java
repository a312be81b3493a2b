/**
 * The BigBird block-sparse attention mask of the paper's GPT-3 runs, with numpy's legacy random generator
 * reproduced so the mask equals the artifact's.
 */
package dev.fuseflow.datasets.bigbird;
