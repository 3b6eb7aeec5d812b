package dev.kerasj.layers;

import dev.kerasj.internal.ConfigReader;

import java.util.Map;

/**
 * Averages its inputs element-wise, as Keras's {@code layers.Average}.
 *
 * <p>{@code output = (x1 + x2 + … + xn) / n}. Inputs: two or more tensors of identical shape; output: that shape. No weights.
 *
 * <pre>{@code
 * KerasTensor y = new Average().apply(a, b);
 * }</pre>
 */
public final class Average extends Merge<Average> {
    public Average() {
    }

    public static Average fromConfig(Map<String, Object> config) {
        Average layer = new Average();
        layer.applyCommonConfig(new ConfigReader("Average", config));
        return layer;
    }
}
