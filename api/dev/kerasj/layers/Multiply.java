package dev.kerasj.layers;

import dev.kerasj.internal.ConfigReader;

import java.util.List;
import java.util.Map;

/**
 * Multiplies its inputs element-wise, as Keras's {@code layers.Multiply}.
 *
 * <p>{@code output = x1 * x2 * … * xn}. Inputs: two or more tensors of identical shape; output: that shape. No weights.
 *
 * <pre>{@code
 * KerasTensor y = new Multiply().apply(a, b);
 * }</pre>
 */
public final class Multiply extends Merge<Multiply> {
    public Multiply() {
    }

    @Override
    protected long[] computeMergedShape(List<long[]> shapes) {
        return sameShapeOutput(shapes);
    }

    @Override
    protected Map<String, Object> layerConfig() {
        return Map.of();
    }

    public static Multiply fromConfig(Map<String, Object> config) {
        Multiply layer = new Multiply();
        layer.applyCommonConfig(new ConfigReader("Multiply", config));
        return layer;
    }
}
