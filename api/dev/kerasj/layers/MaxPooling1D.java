package dev.kerasj.layers;

import dev.kerasj.internal.ConfigReader;

import java.util.Map;

/**
 * Max pooling over windows of steps of a sequence: {@code out[t, c] = max over the window of in[·, c]}.
 *
 * <p>See {@link BasePooling} for shapes and defaults (strides = pool_size, padding "valid"). No parameters.
 *
 * <pre>{@code
 * new MaxPooling1D(2)   // (None, 100, 16) → (None, 50, 16)
 * }</pre>
 */
public final class MaxPooling1D extends BasePooling<MaxPooling1D> {
    /** Windows of {@code pool} steps. */
    public MaxPooling1D(int pool) {
        super(1, pool);
    }

    /** Keras's default, {@code pool_size=2}. */
    public MaxPooling1D() {
        this(2);
    }

    @Override
    public boolean isMax() {
        return true;
    }

    /** Rebuilds the layer from its Keras config. */
    public static MaxPooling1D fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("MaxPooling1D", config);
        int[] p = r.has("pool_size") ? r.ints("pool_size") : new int[] {2};
        return new MaxPooling1D(p[0]).applyPoolingConfig(r);
    }
}
