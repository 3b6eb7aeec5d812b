package dev.kerasj.layers;

import dev.kerasj.internal.ConfigReader;

import java.util.Map;

/**
 * Max pooling over 2-D windows of channels-last images: {@code out[i, j, c] = max over the window of in[·, ·, c]}.
 *
 * <p>See {@link BasePooling} for shapes and defaults (strides = pool_size, padding "valid"). No parameters.
 *
 * <pre>{@code
 * new MaxPooling2D(2)   // (None, 24, 24, 32) → (None, 12, 12, 32)
 * }</pre>
 */
public final class MaxPooling2D extends BasePooling<MaxPooling2D> {
    /** Square windows of side {@code pool}. */
    public MaxPooling2D(int pool) {
        super(2, pool);
    }

    /** Windows of {@code poolH × poolW}. */
    public MaxPooling2D(int poolH, int poolW) {
        super(2, poolH, poolW);
    }

    /** Keras's default, {@code pool_size=(2, 2)}. */
    public MaxPooling2D() {
        this(2);
    }

    @Override
    public boolean isMax() {
        return true;
    }

    /** Rebuilds the layer from its Keras config. */
    public static MaxPooling2D fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("MaxPooling2D", config);
        int[] p = r.has("pool_size") ? r.ints("pool_size") : new int[] {2};
        return new MaxPooling2D(p[0], p.length > 1 ? p[1] : p[0]).applyPoolingConfig(r);
    }
}
