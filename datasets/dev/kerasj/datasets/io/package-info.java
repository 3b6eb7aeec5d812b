/**
 * Low-level dataset file I/O: IDX and NumPy ({@code .npy}/{@code .npz}) readers that create
 * {@code INDArray}s in one bulk copy, SHA-256 sums of decompressed content (read within a size bound) and
 * HTTP downloads with a Keras-style progress bar.
 */
package dev.kerasj.datasets.io;
