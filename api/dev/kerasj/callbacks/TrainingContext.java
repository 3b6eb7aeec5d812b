package dev.kerasj.callbacks;

import dev.kerasj.layers.Layer;
import dev.kerasj.metrics.Metric;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What a callback sees of the model being trained (Keras's {@code self.model}, reduced to what callbacks
 * use): its layers (and through them the weights), its compiled metrics, the learning rate, the request to
 * stop, and saving. A {@code dev.kerasj.Model} is one; a callback that needs more may cast
 * {@link Callback#model()} to {@code Model}.
 *
 * <pre>{@code
 * public void onEpochEnd(int epoch, Map<String, Double> logs) {
 *     if (logs.get("loss") < 0.01) model().stopTraining(true);
 * }
 * }</pre>
 */
public interface TrainingContext {
    /** The model's name. */
    String name();

    /** The layers, in order (weights through {@link Layer#getWeights()}). */
    List<Layer> layers();

    /** The compiled metrics. */
    List<Metric> metrics();

    /** Asks {@code fit} to stop after the current epoch (Keras's {@code model.stop_training = True}). */
    void stopTraining(boolean stop);

    boolean stopTraining();

    /** The optimizer's current learning rate. */
    double learningRate();

    /** Sets the learning rate from the next step on. */
    void setLearningRate(double learningRate);

    /** Epochs completed so far. */
    int completedEpochs();

    /** Saves the model (weights, config, and the optimizer state when {@code includeOptimizer}). */
    void save(Path path, boolean includeOptimizer) throws IOException;
}
