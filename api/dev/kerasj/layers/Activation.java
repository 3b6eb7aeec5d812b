package dev.kerasj.layers;

import dev.kerasj.activations.Activations;
import dev.kerasj.internal.ConfigReader;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Applies an activation function element-wise (softmax: over the last axis); the shape is unchanged,
 * no parameters.
 *
 * <pre>{@code
 * new Activation("softmax")
 * }</pre>
 */
public final class Activation extends ElementwiseLayer<Activation> {
    private final String activation;

    public Activation(String activation) {
        this.activation = Activations.canonical(activation);
    }

    public String activation() {
        return activation;
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("activation", activation);
        return c;
    }

    public static Activation fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("Activation", config);
        Activation a = new Activation(r.string("activation"));
        a.applyCommonConfig(r);
        return a;
    }

    /** Computes each step alone, so a mask passes through unchanged (Keras's {@code supports_masking = True}). */
}
