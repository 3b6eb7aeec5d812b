package dev.kerasj.models;

import dev.kerasj.internal.Checks;
import dev.kerasj.internal.Serialized;
import dev.kerasj.optimizers.Optimizer;
import dev.kerasj.optimizers.Optimizers;

import java.util.Map;
import java.util.Objects;

/**
 * The training settings of a recipe run, as an immutable value: each setter returns a copy.
 *
 * <p>A recipe's {@link Recipe#defaults(Variant)} gives the course's values; the command line overrides
 * some of them. {@code learningRate} {@code null} means the optimizer's own Keras default (0.001 for
 * {@code rmsprop} and {@code adam}, 0.01 for {@code sgd}); {@code seed} {@code null} means unseeded,
 * as in Keras; {@code validationSplit} is Keras's (the last fraction of the training data, taken
 * before shuffling).
 *
 * <pre>{@code
 * Hyperparameters h = new Hyperparameters(10, 128, "rmsprop").validationSplit(0.1);
 * Optimizer opt = h.createOptimizer();   // RMSprop(0.001)
 * }</pre>
 */
public final class Hyperparameters {
    private final int epochs;
    private final int batchSize;
    private final String optimizer;
    private final Double learningRate;
    private final double validationSplit;
    private final Long seed;

    /** Epochs, batch size and optimizer name; no validation split, the optimizer's learning rate, no seed. */
    public Hyperparameters(int epochs, int batchSize, String optimizer) {
        this(epochs, batchSize, optimizer, null, 0.0, null);
    }

    private Hyperparameters(int epochs, int batchSize, String optimizer, Double learningRate, double validationSplit,
                            Long seed) {
        this.epochs = Checks.positive("epochs", epochs);
        this.batchSize = Checks.positive("batch_size", batchSize);
        Optimizers.get(Checks.notNull("optimizer", optimizer)); // fails listing the valid names
        this.optimizer = optimizer;
        this.learningRate = learningRate == null ? null : Checks.positive("learning_rate", learningRate);
        this.validationSplit = Checks.inRange("validation_split", validationSplit, 0.0, 1.0, false);
        this.seed = seed;
    }

    public Hyperparameters epochs(int epochs) {
        return new Hyperparameters(epochs, batchSize, optimizer, learningRate, validationSplit, seed);
    }

    public Hyperparameters batchSize(int batchSize) {
        return new Hyperparameters(epochs, batchSize, optimizer, learningRate, validationSplit, seed);
    }

    /** A Keras optimizer name ({@code "rmsprop"}, {@code "adam"}, {@code "sgd"}). */
    public Hyperparameters optimizer(String optimizer) {
        return new Hyperparameters(epochs, batchSize, optimizer, learningRate, validationSplit, seed);
    }

    /** The learning rate, or {@code null} for the optimizer's default. */
    public Hyperparameters learningRate(Double learningRate) {
        return new Hyperparameters(epochs, batchSize, optimizer, learningRate, validationSplit, seed);
    }

    /** The fraction of the training data held out for validation, in [0, 1). */
    public Hyperparameters validationSplit(double validationSplit) {
        return new Hyperparameters(epochs, batchSize, optimizer, learningRate, validationSplit, seed);
    }

    /** The random seed, or {@code null} for an unseeded run. */
    public Hyperparameters seed(Long seed) {
        return new Hyperparameters(epochs, batchSize, optimizer, learningRate, validationSplit, seed);
    }

    public int epochs() {
        return epochs;
    }

    public int batchSize() {
        return batchSize;
    }

    public String optimizer() {
        return optimizer;
    }

    /** The learning rate in use: the one set, else the optimizer's Keras default. */
    public double learningRate() {
        return learningRate != null ? learningRate : Optimizers.get(optimizer).learningRate();
    }

    public double validationSplit() {
        return validationSplit;
    }

    public Long seed() {
        return seed;
    }

    /** The optimizer with Keras's defaults except the learning rate, when one was set. */
    public Optimizer createOptimizer() {
        Optimizer defaults = Optimizers.get(optimizer);
        if (learningRate == null) {
            return defaults;
        }
        Map<String, Object> config = defaults.getConfig();
        config.put("learning_rate", learningRate);
        return Optimizers.deserialize(Serialized.of(defaults.className(), config));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hyperparameters h && epochs == h.epochs && batchSize == h.batchSize
                && optimizer.equals(h.optimizer) && Objects.equals(learningRate, h.learningRate)
                && validationSplit == h.validationSplit && Objects.equals(seed, h.seed);
    }

    @Override
    public int hashCode() {
        return Objects.hash(epochs, batchSize, optimizer, learningRate, validationSplit, seed);
    }

    @Override
    public String toString() {
        return "Hyperparameters{epochs=" + epochs + ", batch_size=" + batchSize + ", optimizer=" + optimizer
                + ", learning_rate=" + learningRate() + ", validation_split=" + validationSplit + ", seed=" + seed + "}";
    }
}
