package dev.kerasj.layers;

import dev.kerasj.internal.ConfigReader;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The value augmentations (RandomContrast, RandomBrightness): one random draw per image while training, the
 * result clipped to {@code value_range}; the identity in inference. Shape unchanged; no weights.
 *
 * @param <T> the concrete layer type
 */
public abstract class ColorAugmentation<T extends ColorAugmentation<T>> extends ImageAugmentation<T> {
    private final double[] given;
    private final double[] valueRange;

    protected ColorAugmentation(double[] given, double[] valueRange, Long seed) {
        super(seed);
        this.given = given.clone();
        this.valueRange = ImageLayers.sortedPair("value_range", valueRange);
    }

    public double[] valueRange() {
        return valueRange.clone();
    }

    /** Adjusts one image {@code x[from, from + size)} ({@code (h, w, c)}) in place with draws from {@code rng}. */
    protected abstract void adjust(float[] x, int from, int h, int w, int c, SplittableRandom rng, double span);

    @Override
    protected float[] augment(float[] images, int n, int h, int w, int c, SplittableRandom rng) {
        float[] x = images.clone();
        int size = h * w * c;
        for (int b = 0; b < n; b++) {
            adjust(x, b * size, h, w, c, rng, valueRange[1] - valueRange[0]);
        }
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.min(Math.max(x[i], valueRange[0]), valueRange[1]);
        }
        return x;
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("factor", ImageLayers.factorConfig(given));
        c.put("value_range", new ArrayList<>(List.of(valueRange[0], valueRange[1])));
        c.put("seed", seed());
        return c;
    }

    /** A saved config's {@code factor}, {@code value_range} and {@code seed}. */
    static Object[] read(ConfigReader r) {
        return new Object[] {ImageLayers.factor(r, "factor"), ImageLayers.valueRange(r), ImageLayers.seed(r)};
    }
}
