package dev.kerasj.layers;

import dev.kerasj.internal.ConfigReader;

import java.util.Map;

/**
 * Average pooling over 2-D windows of channels-last images: {@code out[i, j, c] = mean over the window of in[·, ·, c]}.
 *
 * <p>See {@link BasePooling} for shapes and defaults (strides = pool_size, padding "valid"). No parameters.
 *
 * <pre>{@code
 * new AveragePooling2D(2)   // (None, 24, 24, 32) → (None, 12, 12, 32)
 * }</pre>
 */
public final class AveragePooling2D extends BasePooling<AveragePooling2D> {
    /** Square windows of side {@code pool}. */
    public AveragePooling2D(int pool) {
        super(2, pool);
    }

    /** Windows of {@code poolH × poolW}. */
    public AveragePooling2D(int poolH, int poolW) {
        super(2, poolH, poolW);
    }

    /** Keras's default, {@code pool_size=(2, 2)}. */
    public AveragePooling2D() {
        this(2);
    }

    @Override
    public boolean isMax() {
        return false;
    }

    /** Rebuilds the layer from its Keras config. */
    public static AveragePooling2D fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("AveragePooling2D", config);
        int[] p = r.has("pool_size") ? r.ints("pool_size") : new int[] {2};
        return new AveragePooling2D(p[0], p.length > 1 ? p[1] : p[0]).applyPoolingConfig(r);
    }
}
