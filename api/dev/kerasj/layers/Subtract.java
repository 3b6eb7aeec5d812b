package dev.kerasj.layers;

import dev.kerasj.internal.ConfigReader;

import java.util.List;
import java.util.Map;

/**
 * Subtracts its second input from its first, as Keras's {@code layers.Subtract}; exactly two inputs.
 *
 * <p>{@code output = x1 - x2}. Inputs: exactly two tensors of identical shape; output: that shape. No weights.
 *
 * <pre>{@code
 * KerasTensor y = new Subtract().apply(a, b);
 * }</pre>
 */
public final class Subtract extends Merge<Subtract> {
    public Subtract() {
    }

    @Override
    protected long[] computeMergedShape(List<long[]> shapes) {
        if (shapes.size() != 2) {
            throw new IllegalArgumentException("A `Subtract` layer should be called on exactly 2 inputs. Layer \"" + displayName()
                    + "\" received " + shapes.size() + " inputs with shapes " + describeShapes(shapes) + ".");
        }
        return sameShapeOutput(shapes);
    }

    public static Subtract fromConfig(Map<String, Object> config) {
        Subtract layer = new Subtract();
        layer.applyCommonConfig(new ConfigReader("Subtract", config));
        return layer;
    }
}
