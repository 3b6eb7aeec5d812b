package dev.kerasj.models;

import dev.kerasj.Model;
import dev.kerasj.Sequential;
import dev.kerasj.datasets.FashionMnist;
import dev.kerasj.datasets.Mnist;
import dev.kerasj.layers.Conv2D;
import dev.kerasj.layers.Dense;
import dev.kerasj.layers.Flatten;
import dev.kerasj.layers.Input;
import dev.kerasj.layers.MaxPooling2D;

/**
 * The course's convolutional network (seed 003) on 28 × 28 × 1 images scaled to [0, 1]:
 *
 * <pre>{@code
 * Conv2D(32, (5, 5), relu) → MaxPooling2D((2, 2)) → Flatten → Dense(10, softmax)
 * (None, 24, 24, 32) 832 params → (None, 12, 12, 32) → (None, 4608) → (None, 10) 46,090 params; total 46,922
 * }</pre>
 *
 * <p>{@code --deeper}: the Keras book's convnet (Deep Learning with Python, 2nd ed., §8.1), about 99 %
 * test accuracy on MNIST in the book:
 * <pre>{@code
 * Conv2D(32, 3, relu) → MaxPooling2D(2) → Conv2D(64, 3, relu) → MaxPooling2D(2) → Conv2D(128, 3, relu)
 *   → Flatten → Dense(10, softmax)          total 104,202 params
 * }</pre>
 *
 * <p>Defaults (the Keras book's training of its convnet, used for both networks): rmsprop (learning rate
 * 0.001), sparse_categorical_crossentropy, accuracy, 5 epochs, batch size 64, no validation split.
 * Registered as {@code mnist-cnn} and {@code fashion-mnist-cnn}.
 */
public final class MnistCnn extends ImageClassifierRecipe {
    /** The training defaults. */
    public static final Hyperparameters DEFAULTS = new Hyperparameters(5, 64, "rmsprop");

    /** {@code mnist-cnn}. */
    public MnistCnn() {
        this("mnist-cnn", Mnist.NAME);
    }

    /** The same networks under {@code name} on {@code dataset} ({@code mnist} or {@code fashion-mnist}). */
    public MnistCnn(String name, String dataset) {
        super(name, "Convnet Conv2D(32,5x5)-MaxPooling2D-Dense(10) on "
                + (dataset.equals(FashionMnist.NAME) ? "Fashion-MNIST" : "MNIST") + " images (course seed 003).", dataset,
                RecipeOption.flag("deeper", "Use the Keras book's deeper convnet: Conv2D 32/64/128 (3x3) with max "
                        + "pooling, 104,202 parameters."));
    }

    @Override
    public Hyperparameters defaults(Variant variant) {
        return DEFAULTS;
    }

    @Override
    protected long[] inputShape(Variant variant) {
        return new long[] {28, 28, 1};
    }

    @Override
    public Model build(Variant variant) {
        if (variant.flag("deeper")) {
            return new Sequential(
                    new Input(28, 28, 1),
                    new Conv2D(32, 3, "relu"),
                    new MaxPooling2D(2),
                    new Conv2D(64, 3, "relu"),
                    new MaxPooling2D(2),
                    new Conv2D(128, 3, "relu"),
                    new Flatten(),
                    new Dense(10, "softmax"));
        }
        return new Sequential(
                new Input(28, 28, 1),
                new Conv2D(32, 5, "relu"),
                new MaxPooling2D(2, 2),
                new Flatten(),
                new Dense(10, "softmax"));
    }
}
