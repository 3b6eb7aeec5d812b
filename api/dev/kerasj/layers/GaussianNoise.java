package dev.kerasj.layers;

import dev.kerasj.internal.Checks;
import dev.kerasj.internal.ConfigReader;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adds zero-centred Gaussian noise of standard deviation {@code stddev} while training, as Keras's
 * {@code GaussianNoise} (a regularizer); the identity at inference. Shape unchanged, no parameters.
 *
 * <pre>{@code
 * new GaussianNoise(0.1)
 * }</pre>
 */
public final class GaussianNoise extends ElementwiseLayer<GaussianNoise> {
    private final double stddev;

    public GaussianNoise(double stddev) {
        this.stddev = Checks.nonNegative("stddev", stddev);
    }

    public double stddev() {
        return stddev;
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("stddev", stddev);
        c.put("seed", null);
        return c;
    }

    /** Rebuilds the layer from its Keras config. */
    public static GaussianNoise fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("GaussianNoise", config);
        GaussianNoise g = new GaussianNoise(r.number("stddev"));
        g.applyCommonConfig(r);
        return g;
    }

    /** Computes each step alone, so a mask passes through unchanged (Keras's {@code supports_masking = True}). */
}
