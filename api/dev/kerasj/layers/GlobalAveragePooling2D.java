package dev.kerasj.layers;

import dev.kerasj.internal.ConfigReader;

import java.util.Map;

/**
 * The mean of each channel over all positions of an image: {@code (batch, h, w, c)} → {@code (batch, c)}.
 *
 * <p>See {@link BaseGlobalPooling}. No parameters.
 *
 * <pre>{@code
 * new GlobalAveragePooling2D()   // (None, 7, 7, 64) → (None, 64)
 * }</pre>
 */
public final class GlobalAveragePooling2D extends BaseGlobalPooling<GlobalAveragePooling2D> {
    public GlobalAveragePooling2D() {
        super(2);
    }

    @Override
    public boolean isMax() {
        return false;
    }

    /** Rebuilds the layer from its Keras config. */
    public static GlobalAveragePooling2D fromConfig(Map<String, Object> config) {
        return new GlobalAveragePooling2D().applyGlobalPoolingConfig(new ConfigReader("GlobalAveragePooling2D", config));
    }
}
