package dev.kerasj.layers;

import dev.kerasj.internal.ConfigReader;

import java.util.Map;

/**
 * The element-wise maximum of its inputs, as Keras's {@code layers.Maximum}.
 *
 * <p>{@code output = max(x1, x2, …, xn)}. Inputs: two or more tensors of identical shape; output: that shape. No weights.
 *
 * <pre>{@code
 * KerasTensor y = new Maximum().apply(a, b);
 * }</pre>
 */
public final class Maximum extends Merge<Maximum> {
    public Maximum() {
    }

    public static Maximum fromConfig(Map<String, Object> config) {
        Maximum layer = new Maximum();
        layer.applyCommonConfig(new ConfigReader("Maximum", config));
        return layer;
    }
}
