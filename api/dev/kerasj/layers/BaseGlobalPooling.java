package dev.kerasj.layers;

import dev.kerasj.internal.ConfigReader;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The global poolings ({@link GlobalMaxPooling1D}, {@link GlobalMaxPooling2D},
 * {@link GlobalAveragePooling1D}, {@link GlobalAveragePooling2D}): the maximum or mean of each channel
 * over every spatial position.
 *
 * <p>Input {@code (batch, …spatial, channels)}, output {@code (batch, channels)}. No parameters. Keras's
 * default {@code keepdims=false} is the only mode supported.
 *
 * @param <T> the concrete layer type
 */
public abstract class BaseGlobalPooling<T extends BaseGlobalPooling<T>> extends BaseLayer<T> {
    private final int rank;

    protected BaseGlobalPooling(int rank) {
        this.rank = rank;
    }

    /** The number of spatial axes pooled over. */
    public int rank() {
        return rank;
    }

    /** Whether this is a max (true) or an average (false) pooling. */
    public abstract boolean isMax();

    @Override
    protected long[] computeOutputShape(long[] inputShape) {
        if (inputShape.length != rank + 1) {
            throw incompatible(inputShape, "ndim=" + (rank + 2) + ", i.e. "
                    + (rank == 1 ? "(None, steps, channels)" : "(None, height, width, channels)"), null);
        }
        return new long[] {inputShape[rank]};
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("data_format", "channels_last");
        c.put("keepdims", false);
        return c;
    }

    /** Checks {@code keepdims} and applies the common entries of a saved config. */
    protected final T applyGlobalPoolingConfig(ConfigReader r) {
        if (r.bool("keepdims", false)) {
            throw new IllegalArgumentException("Invalid " + className() + " config: only keepdims=false is supported. "
                    + "Received: keepdims=true");
        }
        applyCommonConfig(r);
        return self();
    }
}
