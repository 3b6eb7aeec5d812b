package dev.kerasj.layers;

import dev.kerasj.internal.ConfigReader;
import org.nd4j.linalg.api.ndarray.INDArray;

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
public abstract class ColorAugmentation<T extends ColorAugmentation<T>> extends PreprocessingLayer<T> {
    private final double[] given;
    private final double[] valueRange;
    private final Long seed;
    private int[] in;

    protected ColorAugmentation(double[] given, double[] valueRange, Long seed) {
        this.given = given.clone();
        this.valueRange = ImageLayers.sortedPair("value_range", valueRange);
        this.seed = seed;
    }

    public double[] valueRange() {
        return valueRange.clone();
    }

    public Long seed() {
        return seed;
    }

    /** Adjusts one image {@code x[from, from + size)} ({@code (h, w, c)}) in place with draws from {@code rng}. */
    protected abstract void adjust(float[] x, int from, int h, int w, int c, SplittableRandom rng, double span);

    @Override
    protected long[] computeOutputShape(long[] inputShape) {
        in = ImageOps.hwc(this, inputShape);
        return inputShape;
    }

    @Override
    public INDArray compute(INDArray inputs, boolean training, List<INDArray> weights) {
        if (!training) {
            return inputs;
        }
        float[] x = floats(inputs).clone();
        int size = in[0] * in[1] * in[2];
        SplittableRandom rng = random(seed);
        for (int b = 0; b < inputs.size(0); b++) {
            adjust(x, b * size, in[0], in[1], in[2], rng, valueRange[1] - valueRange[0]);
        }
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.min(Math.max(x[i], valueRange[0]), valueRange[1]);
        }
        return array(x, inputs.shape());
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("factor", ImageLayers.factorConfig(given));
        c.put("value_range", new ArrayList<>(List.of(valueRange[0], valueRange[1])));
        c.put("seed", seed);
        return c;
    }

    /** A saved config's {@code factor}, {@code value_range} and {@code seed}. */
    static Object[] read(ConfigReader r) {
        return new Object[] {ImageLayers.factor(r, "factor"), ImageLayers.valueRange(r), ImageLayers.seed(r)};
    }
}
