package dev.kerasj.layers;

import dev.kerasj.internal.ConfigReader;

import java.util.Map;

/**
 * Average pooling over windows of steps of a sequence: {@code out[t, c] = mean over the window of in[·, c]}.
 *
 * <p>See {@link BasePooling} for shapes and defaults (strides = pool_size, padding "valid"). No parameters.
 *
 * <pre>{@code
 * new AveragePooling1D(2)   // (None, 100, 16) → (None, 50, 16)
 * }</pre>
 */
public final class AveragePooling1D extends BasePooling<AveragePooling1D> {
    /** Windows of {@code pool} steps. */
    public AveragePooling1D(int pool) {
        super(1, pool);
    }

    /** Keras's default, {@code pool_size=2}. */
    public AveragePooling1D() {
        this(2);
    }

    @Override
    public boolean isMax() {
        return false;
    }

    /** Rebuilds the layer from its Keras config. */
    public static AveragePooling1D fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("AveragePooling1D", config);
        int[] p = r.has("pool_size") ? r.ints("pool_size") : new int[] {2};
        return new AveragePooling1D(p[0]).applyPoolingConfig(r);
    }
}
