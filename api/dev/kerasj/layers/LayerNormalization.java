package dev.kerasj.layers;

import dev.kerasj.internal.ConfigReader;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Layer normalization over the last axis, as Keras's {@code LayerNormalization}: for each sample and
 * position, {@code out = gamma · (x − mean) / sqrt(var + epsilon) + beta} with the mean and (biased)
 * variance of that position's features. Same statistics at training and inference.
 *
 * <p>Input {@code (batch, …, C)}, output the same. Weights gamma, beta {@code (C,)}; parameters
 * {@code 2·C} (fewer without center/scale). Defaults, as Keras: axis −1, epsilon 0.001, center true,
 * scale true, beta "zeros", gamma "ones".
 *
 * <pre>{@code
 * new Sequential(new Input(10, 16), new LayerNormalization(), new LSTM(8))
 * }</pre>
 */
public final class LayerNormalization extends NormalizationLayer<LayerNormalization> {
    public LayerNormalization() {
    }

    @Override
    protected long[] computeOutputShape(long[] inputShape) {
        if (inputShape.length > 3) {
            throw incompatible(inputShape, "(None, features), (None, steps, features) or (None, height, width, channels)",
                    null);
        }
        return inputShape;
    }

    @Override
    protected List<WeightSpec> createWeights(long[] inputShape) {
        return scaleAndOffset(inputShape);
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("axis", -1);
        putOptions(c);
        c.put("beta_regularizer", null);
        c.put("gamma_regularizer", null);
        return c;
    }

    /** Rebuilds a LayerNormalization layer from its Keras config. */
    public static LayerNormalization fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("LayerNormalization", config);
        Object axis = r.raw("axis");
        if (axis != null && !(axis instanceof Number n && n.intValue() == -1)) {
            throw new IllegalArgumentException("Invalid LayerNormalization config: only axis=-1 is supported. Received: "
                    + "axis=" + axis);
        }
        LayerNormalization l = new LayerNormalization().readOptions(r);
        l.applyCommonConfig(r);
        return l;
    }

    /** Computes each step alone, so a mask passes through unchanged (Keras's {@code supports_masking = True}). */
    @Override
    public boolean supportsMasking() {
        return true;
    }
}
