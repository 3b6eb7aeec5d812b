package dev.kerasj.layers;

import dev.kerasj.internal.Checks;
import dev.kerasj.internal.ConfigReader;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Randomly sets a fraction {@code rate} of its inputs to 0 during training and scales the rest by
 * {@code 1 / (1 − rate)}; the identity at inference. The shape is unchanged, no parameters.
 *
 * <p>{@code rate} is the fraction DROPPED, as in Keras (DL4J's argument is the fraction kept; the
 * translator converts).
 *
 * <pre>{@code
 * new Dropout(0.2)   // drops 20% of activations while training
 * }</pre>
 */
public final class Dropout extends BaseLayer<Dropout> {
    private final double rate;

    public Dropout(double rate) {
        this.rate = Checks.inRange("rate", rate, 0.0, 1.0, false);
    }

    /** The fraction of inputs dropped while training. */
    public double rate() {
        return rate;
    }

    @Override
    protected long[] computeOutputShape(long[] inputShape) {
        return inputShape;
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("rate", rate);
        c.put("noise_shape", null);
        c.put("seed", null);
        return c;
    }

    public static Dropout fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("Dropout", config);
        Dropout d = new Dropout(r.number("rate"));
        d.applyCommonConfig(r);
        return d;
    }

    /** Computes each step alone, so a mask passes through unchanged (Keras's {@code supports_masking = True}). */
    @Override
    public boolean supportsMasking() {
        return true;
    }
}
