/**
 * Sparse-autoencoder inputs for ImageNet, NIH-CXR and LUNA16: a dense batch and 90 %-sparse encoder and
 * decoder weights, drawn as the paper's artifact draws them.
 */
package dev.fuseflow.datasets.autoencoder;
