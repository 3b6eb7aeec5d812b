package dev.kerasj.layers;

import dev.kerasj.internal.ConfigReader;

import java.util.Map;

/**
 * The maximum of each channel over all positions of an image: {@code (batch, h, w, c)} → {@code (batch, c)}.
 *
 * <p>See {@link BaseGlobalPooling}. No parameters.
 *
 * <pre>{@code
 * new GlobalMaxPooling2D()   // (None, 7, 7, 64) → (None, 64)
 * }</pre>
 */
public final class GlobalMaxPooling2D extends BaseGlobalPooling<GlobalMaxPooling2D> {
    public GlobalMaxPooling2D() {
        super(2);
    }

    @Override
    public boolean isMax() {
        return true;
    }

    /** Rebuilds the layer from its Keras config. */
    public static GlobalMaxPooling2D fromConfig(Map<String, Object> config) {
        return new GlobalMaxPooling2D().applyGlobalPoolingConfig(new ConfigReader("GlobalMaxPooling2D", config));
    }
}
