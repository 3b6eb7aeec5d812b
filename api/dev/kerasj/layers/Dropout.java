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
 * <p>{@code noise_shape} (Keras's, batch axis included; −1 for Keras's None, the input's size): axes of size 1
 * share one keep/drop draw, e.g. {@code (−1, 1, 1, 1)} keeps or drops whole samples (EfficientNet's stochastic
 * depth). Defaults to none (one draw per value).
 *
 * <pre>{@code
 * new Dropout(0.2)   // drops 20% of activations while training
 * new Dropout(0.2).noiseShape(-1, 1, 1, 1)
 * }</pre>
 */
public final class Dropout extends BaseLayer<Dropout> {
    private final double rate;
    private long[] noiseShape;

    public Dropout(double rate) {
        this.rate = Checks.inRange("rate", rate, 0.0, 1.0, false);
    }

    /** The fraction of inputs dropped while training. */
    public double rate() {
        return rate;
    }

    /** The noise shape (batch axis first, −1 for the input's size), or {@code null} for none. */
    public long[] noiseShape() {
        return noiseShape == null ? null : noiseShape.clone();
    }

    /** Keras's {@code noise_shape}, batch axis included: −1 (None), 1 (one draw shared along the axis) or the size. */
    public Dropout noiseShape(long... noiseShape) {
        checkConfigurable("noise_shape");
        if (noiseShape != null) {
            for (long n : noiseShape) {
                if (n < -1 || n == 0) {
                    throw new IllegalArgumentException("Invalid `noise_shape`: expected sizes, 1 or None (-1). Received: "
                            + "noise_shape=" + java.util.Arrays.toString(noiseShape));
                }
            }
        }
        this.noiseShape = noiseShape == null ? null : noiseShape.clone();
        return this;
    }

    @Override
    protected long[] computeOutputShape(long[] inputShape) {
        if (noiseShape != null) {
            boolean fits = noiseShape.length == inputShape.length + 1;
            for (int i = 1; fits && i < noiseShape.length; i++) {
                fits = noiseShape[i] == -1 || noiseShape[i] == 1 || noiseShape[i] == inputShape[i - 1];
            }
            if (!fits) {
                throw incompatible(inputShape, "a shape noise_shape=" + java.util.Arrays.toString(noiseShape)
                        + " broadcasts to (each axis -1, 1 or the input's size, batch axis first)", null);
            }
        }
        return inputShape;
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("rate", rate);
        java.util.List<Long> ns = null;
        if (noiseShape != null) {
            ns = new java.util.ArrayList<>();
            for (long n : noiseShape) {
                ns.add(n == -1 ? null : n);
            }
        }
        c.put("noise_shape", ns);
        c.put("seed", null);
        return c;
    }

    public static Dropout fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("Dropout", config);
        Dropout d = new Dropout(r.number("rate"));
        if (r.has("noise_shape")) {
            d.noiseShape(r.longs("noise_shape"));
        }
        d.applyCommonConfig(r);
        return d;
    }

    /** Computes each step alone, so a mask passes through unchanged (Keras's {@code supports_masking = True}). */
    @Override
    public boolean supportsMasking() {
        return true;
    }
}
