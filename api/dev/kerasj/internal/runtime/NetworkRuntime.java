package dev.kerasj.internal.runtime;

import dev.kerasj.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What a model needs from an engine: run a batch forward, train on a batch, read and write weights in
 * Keras's layout, and keep optimizer state. The DL4J implementations live in
 * {@code dev.kerasj.internal.dl4j}; the public API sees only this interface.
 */
public interface NetworkRuntime {
    /** Inference-mode outputs for one batch (dropout off), one array per model output. */
    INDArray[] predict(INDArray[] inputs);

    /**
     * Inference-mode outputs for all of {@code inputs}, computed {@code batchSize} rows at a time exactly as
     * {@link #predict} computes each batch, when the engine has a loop of its own for that (no per-batch
     * arrays and copies); {@code null} when it has not, and the caller runs {@link #predict} per batch.
     */
    default INDArray[] predictInBatches(INDArray[] inputs, int batchSize) {
        return null;
    }

    /**
     * One optimizer step on one batch. {@code forwardOutputs} receives the model's outputs from the
     * training forward pass (before the update), for metrics. Returns the batch loss as Keras reports it
     * (mean over the batch plus regularization penalties).
     */
    double fitBatch(INDArray[] inputs, INDArray[] labels, Consumer<INDArray[]> forwardOutputs);

    /**
     * Keras's mask of each model output for a batch of {@code inputs}, {@code (batch, timesteps)} with 1 at
     * kept steps and 0 at masked ones ({@code null} for an unmasked output), or {@code null} when the model
     * has no mask; a loss and metrics on a masked output ignore the masked steps.
     */
    default INDArray[] outputMasks(INDArray[] inputs) {
        return null;
    }

    /**
     * Gradients for explanations, in inference mode (dropout off, BatchNormalization on its moving
     * statistics): one forward pass, then {@code seeds} turns the outputs into the weights {@code w} of each
     * output, and one backward pass computes ∂(Σ w ⊙ output)/∂input per sample, and the same at {@code at}'s
     * output when {@code at} is not null. Nothing is trained.
     */
    default GradientPass gradients(INDArray[] inputs, Function<INDArray[], INDArray[]> seeds, Layer at) {
        throw new UnsupportedOperationException("This engine computes no gradients for explanations.");
    }

    /** Copies of a layer's weights in Keras's layout and order. */
    List<INDArray> getWeights(Layer layer);

    /** Writes a layer's weights, given in Keras's layout and order. */
    void setWeights(Layer layer, List<INDArray> weights);

    /** The sum of every regularizer's penalty at the current weights (Keras scale). */
    double regularizationPenalty();

    /** The optimizer's state as one flat array (empty when there is none), and the step count. */
    INDArray optimizerState();

    /** The number of values {@link #optimizerState()} holds, without copying them. */
    long optimizerStateLength();

    void setOptimizerState(INDArray state);

    /**
     * Slot {@code slot} of the optimizer's state (e.g. Adam's 0: first moments, 1: second moments) as arrays of
     * the layers' weight shapes in Keras's layout, for each layer with weights the optimizer updates.
     */
    java.util.Map<Layer, List<INDArray>> optimizerSlot(int slot);

    /** Writes slot {@code slot} of the optimizer's state from arrays in Keras's layout ({@link #optimizerSlot}). */
    void setOptimizerSlot(int slot, java.util.Map<Layer, List<INDArray>> values);

    long iterations();

    void setIterations(long iterations);

    /** The current learning rate; changing it takes effect at the next step. */
    double learningRate();

    void setLearningRate(double learningRate);

    /** Seeds the engine's random numbers (dropout masks). */
    void setSeed(long seed);
}
