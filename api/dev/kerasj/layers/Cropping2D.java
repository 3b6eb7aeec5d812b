package dev.kerasj.layers;

import dev.kerasj.internal.ConfigReader;
import dev.kerasj.internal.ConvArgs;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Removes rows and columns from the borders of channels-last images, as Keras's {@code Cropping2D}:
 * {@code (h, w, c)} → {@code (h − top − bottom, w − left − right, c)}. No parameters. Default: no
 * cropping.
 *
 * <pre>{@code
 * new Cropping2D(2, 4)   // 2 rows top and bottom, 4 columns left and right
 * }</pre>
 */
public final class Cropping2D extends BaseLayer<Cropping2D> {
    private final int[] cropping; // top, bottom, left, right

    public Cropping2D(int crop) {
        this(crop, crop, crop, crop);
    }

    public Cropping2D(int cropH, int cropW) {
        this(cropH, cropH, cropW, cropW);
    }

    public Cropping2D(int top, int bottom, int left, int right) {
        this.cropping = ConvArgs.sides("cropping", top, bottom, left, right);
    }

    public Cropping2D() {
        this(0);
    }

    /** {@code {top, bottom, left, right}}. */
    public int[] cropping() {
        return cropping.clone();
    }

    @Override
    protected long[] computeOutputShape(long[] inputShape) {
        if (inputShape.length != 3) {
            throw incompatible(inputShape, "ndim=4, i.e. (None, height, width, channels)", null);
        }
        long h = inputShape[0] - cropping[0] - cropping[1];
        long w = inputShape[1] - cropping[2] - cropping[3];
        if (h < 1 || w < 1) {
            throw incompatible(inputShape, "an image larger than the cropping " + ConvArgs.str(cropping),
                    "Crop less.");
        }
        return new long[] {h, w, inputShape[2]};
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("cropping", ConvArgs.sidesConfig(cropping));
        c.put("data_format", "channels_last");
        return c;
    }

    /** Rebuilds the layer from its Keras config. */
    public static Cropping2D fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("Cropping2D", config);
        int[] p = ConvArgs.sidesFromConfig(r.raw("cropping"), 0);
        Cropping2D l = new Cropping2D(p[0], p[1], p[2], p[3]);
        l.applyCommonConfig(r);
        return l;
    }
}
