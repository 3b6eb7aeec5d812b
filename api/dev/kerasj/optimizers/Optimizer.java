package dev.kerasj.optimizers;

import dev.kerasj.internal.Checks;
import dev.kerasj.internal.Serialized;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Keras optimizer: its update rule and hyperparameters, with Keras's names and defaults.
 *
 * <p>Instances are immutable descriptions; the trainer turns them into DL4J updaters whose arithmetic is
 * Keras's. Options shared by all optimizers: {@code clipnorm} and {@code clipvalue} (default none).
 *
 * <pre>{@code
 * model.compile(new Adam(1e-3), new SparseCategoricalCrossentropy(), new Accuracy());
 * }</pre>
 */
public abstract class Optimizer {
    private final String name;
    private final double learningRate;

    protected Optimizer(String name, double learningRate) {
        this.name = name;
        this.learningRate = Checks.positive("learning_rate", learningRate);
    }

    /** The optimizer's Keras name, e.g. {@code "adam"}. */
    public final String name() {
        return name;
    }

    /** The (initial) learning rate. */
    public final double learningRate() {
        return learningRate;
    }

    public String className() {
        return getClass().getSimpleName();
    }

    /** Keras-style config: {@code name}, {@code learning_rate} and the rule's hyperparameters. */
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        c.put("learning_rate", learningRate);
        return c;
    }

    public final Map<String, Object> serialize() {
        return Serialized.of(className(), getConfig());
    }

    @Override
    public String toString() {
        return className() + getConfig();
    }
}
