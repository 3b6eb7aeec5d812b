package dev.kerasj.layers;

import dev.kerasj.internal.ConfigReader;
import dev.kerasj.internal.ConvArgs;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Repeats the rows and columns of channels-last images, as Keras's {@code UpSampling2D} with
 * interpolation "nearest": {@code out[i, j, c] = in[⌊i / sh⌋, ⌊j / sw⌋, c]}, {@code (h, w, c)} →
 * {@code (h·sh, w·sw, c)}. No parameters. Default size (2, 2).
 *
 * <pre>{@code
 * new UpSampling2D(2)   // (7, 7, 64) → (14, 14, 64)
 * }</pre>
 */
public final class UpSampling2D extends BaseLayer<UpSampling2D> {
    private final int[] size;

    public UpSampling2D(int size) {
        this(size, size);
    }

    public UpSampling2D(int sizeH, int sizeW) {
        this.size = ConvArgs.tuple("size", 2, sizeH, sizeW);
    }

    public UpSampling2D() {
        this(2);
    }

    public int[] size() {
        return size.clone();
    }

    @Override
    protected long[] computeOutputShape(long[] inputShape) {
        if (inputShape.length != 3) {
            throw incompatible(inputShape, "ndim=4, i.e. (None, height, width, channels)", null);
        }
        return new long[] {inputShape[0] * size[0], inputShape[1] * size[1], inputShape[2]};
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("size", ConvArgs.list(size));
        c.put("data_format", "channels_last");
        c.put("interpolation", "nearest");
        return c;
    }

    /** Rebuilds the layer from its Keras config. */
    public static UpSampling2D fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("UpSampling2D", config);
        if (!"nearest".equals(r.string("interpolation", "nearest"))) {
            throw new IllegalArgumentException("Invalid UpSampling2D config: only interpolation=\"nearest\" is "
                    + "supported. Received: interpolation=" + r.raw("interpolation"));
        }
        int[] s = r.has("size") ? r.ints("size") : new int[] {2, 2};
        UpSampling2D u = new UpSampling2D(s[0], s.length > 1 ? s[1] : s[0]);
        u.applyCommonConfig(r);
        return u;
    }
}
