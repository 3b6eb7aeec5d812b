package dev.kerasj.layers;

import dev.kerasj.internal.Checks;
import dev.kerasj.internal.ConfigReader;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Repeats a vector {@code n} times, as Keras's {@code RepeatVector}: {@code (features)} →
 * {@code (n, features)} (e.g. to feed an encoder's state to every step of a decoder). No parameters.
 *
 * <pre>{@code
 * new RepeatVector(3)   // (32) → (3, 32)
 * }</pre>
 */
public final class RepeatVector extends BaseLayer<RepeatVector> {
    private final int n;

    public RepeatVector(int n) {
        this.n = Checks.positive("n", n);
    }

    public int n() {
        return n;
    }

    @Override
    protected long[] computeOutputShape(long[] inputShape) {
        if (inputShape.length != 1) {
            throw incompatible(inputShape, "ndim=2, i.e. (None, features)", "Flatten the input first.");
        }
        return new long[] {n, inputShape[0]};
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("n", n);
        return c;
    }

    /** Rebuilds the layer from its Keras config. */
    public static RepeatVector fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("RepeatVector", config);
        RepeatVector l = new RepeatVector(r.integer("n"));
        l.applyCommonConfig(r);
        return l;
    }
}
