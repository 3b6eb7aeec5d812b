package dev.kerasj.layers;

import dev.kerasj.internal.ConfigReader;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Concatenates its inputs along one axis, as Keras's {@code layers.Concatenate}.
 *
 * <p>Inputs: two or more tensors whose shapes agree except on {@code axis}; output: the same shape with
 * the sizes on {@code axis} summed, e.g. {@code (None, 8)} and {@code (None, 4)} → {@code (None, 12)}.
 * {@code axis} counts the batch axis as 0 and may be negative; it defaults to -1 (the last, features or
 * channels axis), the only axis kerasj's DL4J translation concatenates. No weights.
 *
 * <pre>{@code
 * KerasTensor both = new Concatenate().apply(a, b);
 * }</pre>
 */
public final class Concatenate extends Merge<Concatenate> {
    private final int axis;

    /** Concatenation on the last axis (Keras's default {@code axis=-1}). */
    public Concatenate() {
        this(-1);
    }

    public Concatenate(int axis) {
        this.axis = axis;
    }

    public int axis() {
        return axis;
    }

    @Override
    protected long[] computeMergedShape(List<long[]> shapes) {
        int rank = shapes.get(0).length + 1;
        int a = axis < 0 ? axis + rank : axis;
        for (long[] s : shapes) {
            if (s.length + 1 != rank) {
                throw mismatch(shapes);
            }
        }
        if (a <= 0 || a >= rank) {
            throw new IllegalArgumentException("Invalid `axis` for layer \"" + displayName() + "\" (Concatenate): expected an "
                    + "axis of the inputs other than the batch axis, in [1, " + (rank - 1) + "] or [" + (1 - rank) + ", -1]. "
                    + "Received: axis=" + axis + " for input_shape=" + describeShapes(shapes) + ".");
        }
        if (a != rank - 1) {
            throw new IllegalArgumentException("Invalid `axis` for layer \"" + displayName() + "\" (Concatenate): kerasj "
                    + "concatenates on the last axis only (axis=-1). Received: axis=" + axis + " for input_shape="
                    + describeShapes(shapes) + ". Reshape or permute the inputs so the axis to join is last.");
        }
        long[] out = shapes.get(0).clone();
        out[a - 1] = 0;
        for (long[] s : shapes) {
            for (int d = 0; d < s.length; d++) {
                if (d != a - 1 && s[d] != out[d]) {
                    throw mismatch(shapes);
                }
            }
            out[a - 1] += s[a - 1];
        }
        return out;
    }

    private IllegalArgumentException mismatch(List<long[]> shapes) {
        return new IllegalArgumentException("A `Concatenate` layer requires inputs with matching shapes except for the "
                + "concatenation axis. Layer \"" + displayName() + "\" (axis=" + axis + ") received: input_shape="
                + describeShapes(shapes) + ".");
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("axis", axis);
        return c;
    }

    public static Concatenate fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("Concatenate", config);
        Concatenate layer = new Concatenate(r.integer("axis", -1));
        layer.applyCommonConfig(r);
        return layer;
    }
}
