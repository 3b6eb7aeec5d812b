package dev.kerasj.models;

import dev.kerasj.Model;
import dev.kerasj.Sequential;
import dev.kerasj.datasets.FashionMnist;
import dev.kerasj.datasets.Mnist;
import dev.kerasj.layers.Dense;
import dev.kerasj.layers.Input;

/**
 * The course's first network (seed 002): a multilayer perceptron on the 784 pixels of a digit, scaled
 * to [0, 1].
 *
 * <pre>{@code
 * Dense(784, sigmoid) → Dense(16, sigmoid) → Dense(16, sigmoid) → Dense(10, softmax)
 * params: 615,440 + 12,560 + 272 + 170 = 628,442
 * }</pre>
 *
 * <p>Defaults (the course's): rmsprop (learning rate 0.001), sparse_categorical_crossentropy, accuracy,
 * 10 epochs, batch size 128, no validation split. The seed reports about 97 % test accuracy on MNIST.
 * Registered twice: {@code mnist-mlp} and {@code fashion-mnist-mlp} (the same network on Fashion-MNIST).
 */
public final class MnistMlp extends ImageClassifierRecipe {
    /** The course's defaults. */
    public static final Hyperparameters DEFAULTS = new Hyperparameters(10, 128, "rmsprop");

    /** {@code mnist-mlp}. */
    public MnistMlp() {
        this("mnist-mlp", Mnist.NAME);
    }

    /** The same network under {@code name} on {@code dataset} ({@code mnist} or {@code fashion-mnist}). */
    public MnistMlp(String name, String dataset) {
        super(name, "Multilayer perceptron 784-16-16-10 (sigmoid) on flattened "
                + (dataset.equals(FashionMnist.NAME) ? "Fashion-MNIST" : "MNIST") + " pixels (course seed 002).", dataset);
    }

    @Override
    public Hyperparameters defaults(Variant variant) {
        return DEFAULTS;
    }

    @Override
    protected long[] inputShape(Variant variant) {
        return new long[] {28 * 28};
    }

    @Override
    public Model build(Variant variant) {
        return new Sequential(
                new Input(28 * 28),
                new Dense(784, "sigmoid"),
                new Dense(16, "sigmoid"),
                new Dense(16, "sigmoid"),
                new Dense(10, "softmax"));
    }
}
