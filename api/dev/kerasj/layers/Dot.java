package dev.kerasj.layers;

import dev.kerasj.internal.ConfigReader;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dot product of two vectors per sample, as Keras's {@code layers.Dot} on {@code (None, n)} inputs.
 *
 * <p>{@code output[b] = Σ_i x1[b, i] · x2[b, i]}. Inputs: exactly two tensors of shape {@code (None, n)};
 * output: {@code (None, 1)}. {@code axes} must be 1 or -1 (the feature axis), the only case kerasj
 * translates; Keras's {@code normalize} is always false here. No weights.
 *
 * <pre>{@code
 * KerasTensor score = new Dot(1).apply(a, b);
 * }</pre>
 */
public final class Dot extends Merge<Dot> {
    private final int axes;

    public Dot(int axes) {
        if (axes != 1 && axes != -1) {
            throw new IllegalArgumentException("Invalid `axes` for Dot: kerasj supports the feature axis of (None, n) "
                    + "inputs, axes=1 or axes=-1. Received: axes=" + axes);
        }
        this.axes = axes;
    }

    public int axes() {
        return axes;
    }

    @Override
    protected long[] computeMergedShape(List<long[]> shapes) {
        if (shapes.size() != 2 || shapes.get(0).length != 1 || shapes.get(1).length != 1
                || shapes.get(0)[0] != shapes.get(1)[0]) {
            throw new IllegalArgumentException("A `Dot` layer should be called on exactly 2 inputs of the same shape "
                    + "(None, n). Layer \"" + displayName() + "\" received: input_shape=" + describeShapes(shapes) + ".");
        }
        return new long[] {1};
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("axes", axes);
        c.put("normalize", false);
        return c;
    }

    public static Dot fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("Dot", config);
        if (r.bool("normalize", false)) {
            throw new IllegalArgumentException("Invalid `normalize` for Dot: kerasj supports normalize=false only. "
                    + "Received: normalize=true");
        }
        Dot layer = new Dot(r.integer("axes", -1));
        layer.applyCommonConfig(r);
        return layer;
    }
}
