package dev.kerasj.layers;

import dev.kerasj.internal.ConfigReader;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * Randomly changes the contrast of images while training, as Keras's {@code RandomContrast}; the identity in
 * inference. Each image gets a factor {@code k} uniform in {@code [1 − lower, 1 + upper]} (a number {@code f}:
 * {@code [1 − f, 1 + f]}, as Keras's docstring states), and each channel becomes
 * {@code (x − mean) · k + mean} with {@code mean} that channel's mean over the image, clipped to
 * {@code value_range}.
 *
 * <p>Note: Keras 3's code draws a single-number factor from {@code [1, 1 + f]} (its factor bounds clip the
 * lower end at 0); kerasj follows the documented {@code [1 − f, 1 + f]}.
 *
 * <pre>{@code
 * new RandomContrast(0.2)
 * }</pre>
 *
 * <p>Defaults: {@code value_range} [0, 255], {@code seed} none. Factors lie in [0, 1].
 */
public final class RandomContrast extends ColorAugmentation<RandomContrast> {
    private final double lower;
    private final double upper;

    public RandomContrast(double factor) {
        this(new double[] {factor}, new double[] {0, 255}, null);
    }

    /** {@code factor}: one number or {@code [lower, upper]}; {@code valueRange}: {@code [low, high]}. */
    public RandomContrast(double[] factor, double[] valueRange, Long seed) {
        super(factor, valueRange, seed);
        double[] r = ImageLayers.range("factor", factor, 0, 1, false);
        this.lower = factor.length == 1 ? r[1] : r[0];
        this.upper = r[1];
    }

    @Override
    protected void adjust(float[] x, int from, int h, int w, int c, SplittableRandom rng, double span) {
        double k = 1 - lower + rng.nextDouble() * (lower + upper);
        int pixels = h * w;
        for (int ch = 0; ch < c; ch++) {
            double sum = 0;
            for (int p = 0; p < pixels; p++) {
                sum += x[from + p * c + ch];
            }
            double mean = sum / pixels;
            for (int p = 0; p < pixels; p++) {
                int i = from + p * c + ch;
                x[i] = (float) ((x[i] - mean) * k + mean);
            }
        }
    }

    public static RandomContrast fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("RandomContrast", config);
        Object[] v = read(r);
        RandomContrast l = new RandomContrast((double[]) v[0], (double[]) v[1], (Long) v[2]);
        l.applyCommonConfig(r);
        return l;
    }
}
