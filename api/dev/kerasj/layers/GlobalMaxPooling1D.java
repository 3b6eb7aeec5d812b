package dev.kerasj.layers;

import dev.kerasj.internal.ConfigReader;

import java.util.Map;

/**
 * The maximum of each channel over all steps of a sequence: {@code (batch, steps, c)} → {@code (batch, c)}.
 *
 * <p>See {@link BaseGlobalPooling}. No parameters.
 *
 * <pre>{@code
 * new GlobalMaxPooling1D()   // (None, 100, 32) → (None, 32)
 * }</pre>
 */
public final class GlobalMaxPooling1D extends BaseGlobalPooling<GlobalMaxPooling1D> {
    public GlobalMaxPooling1D() {
        super(1);
    }

    @Override
    public boolean isMax() {
        return true;
    }

    /** Rebuilds the layer from its Keras config. */
    public static GlobalMaxPooling1D fromConfig(Map<String, Object> config) {
        return new GlobalMaxPooling1D().applyGlobalPoolingConfig(new ConfigReader("GlobalMaxPooling1D", config));
    }
}
