package dev.kerasj.internal.runtime;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One inference-mode forward and backward pass of a model for explanations: the outputs (Keras shapes),
 * the gradient of {@code Σ seed ⊙ output} with respect to each input, and, when a layer was named, that
 * layer's output and the gradient with respect to it (both in Keras's shape, batch first).
 */
public record GradientPass(INDArray[] outputs, INDArray[] inputGradients, INDArray layerOutput, INDArray layerGradient) {
}
