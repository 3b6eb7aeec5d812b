package dev.kerasj.layers;

import dev.kerasj.internal.ConfigReader;
import dev.kerasj.internal.ConvArgs;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The options shared by the windowed pooling layers ({@link MaxPooling1D}, {@link MaxPooling2D},
 * {@link AveragePooling1D}, {@link AveragePooling2D}): each output is the maximum or the mean of a
 * {@code pool_size} window of one channel, windows {@code strides} apart.
 *
 * <p>Input {@code (batch, …spatial, channels)}, output {@code (batch, …spatial_out, channels)} with
 * "valid": {@code ⌊(n − pool) / stride⌋ + 1}, "same": {@code ⌈n / stride⌉}. No parameters. Defaults, as
 * Keras: strides = pool_size, padding "valid". With "same", averages count only the real (unpadded)
 * values, as Keras.
 *
 * @param <T> the concrete layer type
 */
public abstract class BasePooling<T extends BasePooling<T>> extends BaseLayer<T> {
    private final int rank;
    private final int[] poolSize;
    private int[] strides;
    private String padding = "valid";

    protected BasePooling(int rank, int... poolSize) {
        this.rank = rank;
        this.poolSize = ConvArgs.tuple("pool_size", rank, poolSize);
        this.strides = this.poolSize.clone();
    }

    /** The number of spatial axes. */
    public int rank() {
        return rank;
    }

    /** Whether this is a max (true) or an average (false) pooling. */
    public abstract boolean isMax();

    public int[] poolSize() {
        return poolSize.clone();
    }

    public int[] strides() {
        return strides.clone();
    }

    public String padding() {
        return padding;
    }

    /** The step between windows, one value or one per spatial axis (default: pool_size). */
    public T strides(int... strides) {
        checkConfigurable("strides");
        this.strides = ConvArgs.tuple("strides", rank, strides);
        return self();
    }

    /** {@code "valid"} (default) or {@code "same"}. */
    public T padding(String padding) {
        checkConfigurable("padding");
        this.padding = ConvArgs.padding(padding);
        return self();
    }

    @Override
    protected long[] computeOutputShape(long[] inputShape) {
        if (inputShape.length != rank + 1) {
            throw incompatible(inputShape, "ndim=" + (rank + 2) + ", i.e. "
                    + (rank == 1 ? "(None, steps, channels)" : "(None, height, width, channels)"), null);
        }
        long[] out = inputShape.clone();
        for (int i = 0; i < rank; i++) {
            out[i] = ConvArgs.outputLength(inputShape[i], poolSize[i], strides[i], 1, padding);
            if (out[i] < 1) {
                throw incompatible(inputShape, "spatial dimensions of at least pool_size=" + ConvArgs.str(poolSize),
                        "Pooling would shrink a dimension below 1; use a smaller pool_size, padding=\"same\", or "
                                + "fewer pooling layers.");
            }
        }
        return out;
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("pool_size", ConvArgs.list(poolSize));
        c.put("padding", padding);
        c.put("strides", ConvArgs.list(strides));
        c.put("data_format", "channels_last");
        return c;
    }

    /** Applies {@code strides}, {@code padding} and the common entries of a saved config. */
    protected final T applyPoolingConfig(ConfigReader r) {
        if (r.has("strides")) {
            strides(r.ints("strides"));
        }
        padding(r.string("padding", "valid"));
        applyCommonConfig(r);
        return self();
    }
}
