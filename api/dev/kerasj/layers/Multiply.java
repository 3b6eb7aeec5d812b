package dev.kerasj.layers;

import dev.kerasj.internal.ConfigReader;

import java.util.List;
import java.util.Map;

/**
 * Multiplies its inputs element-wise, as Keras's {@code layers.Multiply}.
 *
 * <p>{@code output = x1 * x2 * … * xn}. Inputs: two or more tensors of one rank whose axes are equal or 1
 * (broadcast, as Keras: a {@code (1, 1, c)} gate scales a {@code (h, w, c)} map); output: the broadcast shape. No weights.
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
        return broadcastOutput(shapes);
    }

    public static Multiply fromConfig(Map<String, Object> config) {
        Multiply layer = new Multiply();
        layer.applyCommonConfig(new ConfigReader("Multiply", config));
        return layer;
    }
}
