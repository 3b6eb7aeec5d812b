package dev.kerasj.layers;

import dev.kerasj.internal.ConfigReader;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * Randomly changes the brightness of images while training, as Keras's {@code RandomBrightness}; the identity
 * in inference. Each image gets {@code δ = u · (high − low)} added to every value, {@code u} uniform in the
 * factor range (in [−1, 1]; a number {@code f} means {@code [−f, f]}), and is clipped to
 * {@code value_range = [low, high]}.
 *
 * <pre>{@code
 * new RandomBrightness(0.2)                                      // ±0.2·255 on [0, 255] images
 * new RandomBrightness(new double[] {-0.1, 0.1}, new double[] {0, 1}, 42L)
 * }</pre>
 *
 * <p>Defaults: {@code value_range} [0, 255], {@code seed} none.
 */
public final class RandomBrightness extends ColorAugmentation<RandomBrightness> {
    private final double[] range;

    public RandomBrightness(double factor) {
        this(new double[] {factor}, new double[] {0, 255}, null);
    }

    /** {@code factor}: one number or {@code [lower, upper]}; {@code valueRange}: {@code [low, high]}. */
    public RandomBrightness(double[] factor, double[] valueRange, Long seed) {
        super(factor, valueRange, seed);
        this.range = ImageLayers.range("factor", factor, -1, 1, false);
    }

    @Override
    protected void adjust(float[] x, int from, int h, int w, int c, SplittableRandom rng, double span) {
        double delta = (range[0] + rng.nextDouble() * (range[1] - range[0])) * span;
        for (int i = from; i < from + h * w * c; i++) {
            x[i] = (float) (x[i] + delta);
        }
    }

    public static RandomBrightness fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("RandomBrightness", config);
        Object[] v = read(r);
        RandomBrightness l = new RandomBrightness((double[]) v[0], (double[]) v[1], (Long) v[2]);
        l.applyCommonConfig(r);
        return l;
    }
}
