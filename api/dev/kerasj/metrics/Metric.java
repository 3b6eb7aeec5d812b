package dev.kerasj.metrics;

import dev.kerasj.internal.Serialized;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Keras metric: state accumulated over batches ({@link #updateState}), read with {@link #result},
 * cleared with {@link #resetState} — so an epoch's value is computed over the whole epoch, as Keras does.
 *
 * <pre>{@code
 * Metric acc = new SparseCategoricalAccuracy();
 * acc.updateState(yTrue, yPred);
 * double value = acc.result();
 * }</pre>
 */
public abstract class Metric implements Cloneable {
    private String name;

    protected Metric(String name) {
        this.name = name;
    }

    /** The key under which History and evaluate report this metric. */
    public String name() {
        return name;
    }

    /** Accumulates one batch; {@code yTrue} are the labels as given to {@code fit}. */
    public abstract void updateState(INDArray yTrue, INDArray yPred);

    /** The value over everything accumulated since the last reset. */
    public abstract double result();

    /** Forgets the accumulated state. */
    public abstract void resetState();

    /** A fresh copy reported under {@code name}: Keras names a metric by the string written in compile. */
    Metric renamed(String newName) {
        try {
            Metric c = (Metric) super.clone();
            c.name = newName;
            c.resetState();
            return c;
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }

    public String className() {
        return getClass().getSimpleName();
    }

    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
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
