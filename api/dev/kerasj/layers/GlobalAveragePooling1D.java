package dev.kerasj.layers;

import dev.kerasj.internal.ConfigReader;

import java.util.Map;

/**
 * The mean of each channel over all steps of a sequence: {@code (batch, steps, c)} → {@code (batch, c)}.
 *
 * <p>See {@link BaseGlobalPooling}. No parameters.
 *
 * <pre>{@code
 * new GlobalAveragePooling1D()   // (None, 100, 32) → (None, 32)
 * }</pre>
 */
public final class GlobalAveragePooling1D extends BaseGlobalPooling<GlobalAveragePooling1D> {
    public GlobalAveragePooling1D() {
        super(1);
    }

    @Override
    public boolean isMax() {
        return false;
    }

    /** Rebuilds the layer from its Keras config. */
    public static GlobalAveragePooling1D fromConfig(Map<String, Object> config) {
        return new GlobalAveragePooling1D().applyGlobalPoolingConfig(new ConfigReader("GlobalAveragePooling1D", config));
    }

    /** Masks are supported: the mean is taken over the unmasked steps, and the mask ends here. */
    @Override
    public boolean supportsMasking() {
        return true;
    }

    @Override
    public boolean propagatesMask() {
        return false;
    }
}
