package dev.kerasj.layers;

import dev.kerasj.internal.Checks;
import dev.kerasj.internal.ConfigReader;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Drops whole feature maps while training, as Keras's {@code SpatialDropout2D}: for each sample, each
 * channel of a channels-last image is zeroed with probability {@code rate} (every position together)
 * and the kept ones are scaled by {@code 1 / (1 − rate)}; the identity at inference. Shape unchanged, no
 * parameters.
 *
 * <pre>{@code
 * new SpatialDropout2D(0.2)
 * }</pre>
 */
public final class SpatialDropout2D extends BaseLayer<SpatialDropout2D> {
    private final double rate;

    public SpatialDropout2D(double rate) {
        this.rate = Checks.inRange("rate", rate, 0.0, 1.0, false);
    }

    /** The fraction of channels dropped while training. */
    public double rate() {
        return rate;
    }

    @Override
    protected long[] computeOutputShape(long[] inputShape) {
        if (inputShape.length != 3) {
            throw incompatible(inputShape, "ndim=4, i.e. (None, height, width, channels)", null);
        }
        return inputShape;
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("rate", rate);
        c.put("seed", null);
        c.put("data_format", "channels_last");
        return c;
    }

    /** Rebuilds the layer from its Keras config. */
    public static SpatialDropout2D fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("SpatialDropout2D", config);
        SpatialDropout2D s = new SpatialDropout2D(r.number("rate"));
        s.applyCommonConfig(r);
        return s;
    }
}
