package dev.kerasj.layers;

import dev.kerasj.internal.ConfigReader;
import dev.kerasj.internal.Shapes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reshapes the non-batch axes to {@code targetShape} (row-major order); one entry may be −1, inferred
 * from the rest. No parameters.
 *
 * <pre>{@code
 * new Reshape(28, 28, 1)   // (batch, 784) → (batch, 28, 28, 1)
 * }</pre>
 */
public final class Reshape extends BaseLayer<Reshape> {
    private final long[] targetShape;

    public Reshape(long... targetShape) {
        if (targetShape == null || targetShape.length == 0) {
            throw new IllegalArgumentException("Received an invalid value for `target_shape`, expected a non-empty shape. "
                    + "Received: target_shape=" + java.util.Arrays.toString(targetShape));
        }
        int unknown = 0;
        for (long d : targetShape) {
            if (d == -1) {
                unknown++;
            } else if (d <= 0) {
                throw new IllegalArgumentException("Received an invalid value for `target_shape`, expected positive "
                        + "integers or a single -1. Received: target_shape=" + Shapes.tuple(targetShape));
            }
        }
        if (unknown > 1) {
            throw new IllegalArgumentException("Received an invalid value for `target_shape`, expected at most one -1. "
                    + "Received: target_shape=" + Shapes.tuple(targetShape));
        }
        this.targetShape = targetShape.clone();
    }

    public long[] targetShape() {
        return targetShape.clone();
    }

    @Override
    protected long[] computeOutputShape(long[] inputShape) {
        long total = Shapes.product(inputShape);
        long known = 1;
        int unknownAt = -1;
        for (int i = 0; i < targetShape.length; i++) {
            if (targetShape[i] == -1) {
                unknownAt = i;
            } else {
                known *= targetShape[i];
            }
        }
        long[] out = targetShape.clone();
        if (unknownAt >= 0) {
            if (total % known != 0) {
                throw incompatible(inputShape, "a size divisible by " + known + " to fill target_shape="
                        + Shapes.tuple(targetShape), null);
            }
            out[unknownAt] = total / known;
        } else if (known != total) {
            throw incompatible(inputShape, total + " values per sample to fill target_shape=" + Shapes.tuple(targetShape)
                    + " (" + known + " values)", null);
        }
        return out;
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        List<Long> t = new ArrayList<>();
        for (long d : targetShape) {
            t.add(d);
        }
        c.put("target_shape", t);
        return c;
    }

    public static Reshape fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("Reshape", config);
        Reshape l = new Reshape(r.longs("target_shape"));
        l.applyCommonConfig(r);
        return l;
    }
}
