package dev.kerasj.layers;

import dev.kerasj.internal.ConfigReader;
import dev.kerasj.internal.ConvArgs;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adds rows and columns of zeros around channels-last images, as Keras's {@code ZeroPadding2D}:
 * {@code (h, w, c)} → {@code (h + top + bottom, w + left + right, c)}. No parameters. Default padding 1
 * on every side.
 *
 * <pre>{@code
 * new ZeroPadding2D(2)          // (28, 28, 1) → (32, 32, 1)
 * new ZeroPadding2D(1, 0, 2, 3) // top, bottom, left, right
 * }</pre>
 */
public final class ZeroPadding2D extends BaseLayer<ZeroPadding2D> {
    private final int[] padding; // top, bottom, left, right

    /** {@code pad} on every side (Keras default 1). */
    public ZeroPadding2D(int pad) {
        this(pad, pad, pad, pad);
    }

    /** {@code padH} rows above and below, {@code padW} columns left and right. */
    public ZeroPadding2D(int padH, int padW) {
        this(padH, padH, padW, padW);
    }

    public ZeroPadding2D(int top, int bottom, int left, int right) {
        this.padding = ConvArgs.sides("padding", top, bottom, left, right);
    }

    public ZeroPadding2D() {
        this(1);
    }

    /** {@code {top, bottom, left, right}}. */
    public int[] padding() {
        return padding.clone();
    }

    @Override
    protected long[] computeOutputShape(long[] inputShape) {
        if (inputShape.length != 3) {
            throw incompatible(inputShape, "ndim=4, i.e. (None, height, width, channels)", null);
        }
        return new long[] {inputShape[0] + padding[0] + padding[1], inputShape[1] + padding[2] + padding[3], inputShape[2]};
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("padding", ConvArgs.sidesConfig(padding));
        c.put("data_format", "channels_last");
        return c;
    }

    /** Rebuilds the layer from its Keras config. */
    public static ZeroPadding2D fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("ZeroPadding2D", config);
        int[] p = ConvArgs.sidesFromConfig(r.raw("padding"), 1);
        ZeroPadding2D z = new ZeroPadding2D(p[0], p[1], p[2], p[3]);
        z.applyCommonConfig(r);
        return z;
    }
}
