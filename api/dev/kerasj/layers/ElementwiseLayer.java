package dev.kerasj.layers;

/**
 * A layer applied to each value on its own ({@link Activation}, {@link ReLU}, {@link LeakyReLU}, {@link ELU},
 * {@link ThresholdedReLU}, {@link GaussianNoise}): the output has the input's shape, there are no weights, and a
 * mask passes through unchanged, as in Keras.
 */
abstract class ElementwiseLayer<T extends ElementwiseLayer<T>> extends BaseLayer<T> {
    @Override
    protected final long[] computeOutputShape(long[] inputShape) {
        return inputShape;
    }

    @Override
    public final boolean supportsMasking() {
        return true;
    }
}
