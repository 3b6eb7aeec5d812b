package dev.kerasj.layers;

import dev.kerasj.internal.ConfigReader;

import java.util.Map;

/**
 * Adds its inputs element-wise, as Keras's {@code layers.Add} (e.g. a residual connection).
 *
 * <p>{@code output = x1 + x2 + … + xn}. Inputs: two or more tensors of identical shape; output: that shape. No weights.
 *
 * <pre>{@code
 * KerasTensor y = new Add().apply(a, b);
 * }</pre>
 */
public final class Add extends Merge<Add> {
    public Add() {
    }

    public static Add fromConfig(Map<String, Object> config) {
        Add layer = new Add();
        layer.applyCommonConfig(new ConfigReader("Add", config));
        return layer;
    }
}
