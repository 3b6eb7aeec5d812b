package dev.kerasj.layers;

/**
 * A layer whose fluent options return its own type, so options chain in any order:
 * {@code new Dense(64).inputShape(784).activation("relu").name("hidden")}.
 *
 * @param <T> the concrete layer type
 */
public abstract class BaseLayer<T extends BaseLayer<T>> extends Layer {
    protected BaseLayer() {
    }

    @SuppressWarnings("unchecked")
    protected final T self() {
        return (T) this;
    }

    @Override
    public T name(String name) {
        super.name(name);
        return self();
    }

    @Override
    public T trainable(boolean trainable) {
        super.trainable(trainable);
        return self();
    }

    @Override
    public T inputShape(long... shape) {
        super.inputShape(shape);
        return self();
    }
}
