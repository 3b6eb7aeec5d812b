package dev.kerasj.layers;

import dev.kerasj.internal.ConfigReader;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * Randomly shifts images while training, as Keras 3's {@code RandomTranslation}; the identity in inference.
 * Each image moves down by {@code dy = u·height} and right by {@code dx = v·width} pixels, {@code u} and
 * {@code v} uniform in the {@code height_factor} and {@code width_factor} ranges (fractions in [−1, 1]; a
 * number {@code f} means {@code [−f, f]}): output {@code (x, y)} samples the input at {@code (x − dx, y − dy)}.
 * See {@link AffineAugmentation} for the fill modes.
 *
 * <pre>{@code
 * new RandomTranslation(0.1, 0.1)
 * }</pre>
 *
 * <p>Defaults: {@code fill_mode} "reflect", {@code interpolation} "bilinear", {@code seed} none,
 * {@code fill_value} 0.
 */
public final class RandomTranslation extends AffineAugmentation<RandomTranslation> {
    private final double[] heightGiven;
    private final double[] widthGiven;
    private final double[] height;
    private final double[] width;

    public RandomTranslation(double heightFactor, double widthFactor) {
        this(new double[] {heightFactor}, new double[] {widthFactor}, null);
    }

    /** Factors as one number or a {@code [lower, upper]} pair. */
    public RandomTranslation(double[] heightFactor, double[] widthFactor, Long seed) {
        super(seed);
        this.height = ImageLayers.range("height_factor", heightFactor, -1, 1, false);
        this.width = ImageLayers.range("width_factor", widthFactor, -1, 1, false);
        this.heightGiven = heightFactor.clone();
        this.widthGiven = widthFactor.clone();
    }

    @Override
    protected double[] drawTransform(SplittableRandom rng, int h, int w) {
        double dy = (height[0] + rng.nextDouble() * (height[1] - height[0])) * h;
        double dx = (width[0] + rng.nextDouble() * (width[1] - width[0])) * w;
        return new double[] {1, 0, -dx, 0, 1, -dy, 0, 0};
    }

    @Override
    protected Map<String, Object> layerConfig() {
        return factorsConfig(heightGiven, widthGiven);
    }

    public static RandomTranslation fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("RandomTranslation", config);
        return new RandomTranslation(ImageLayers.factor(r, "height_factor"), ImageLayers.factor(r, "width_factor"),
                ImageLayers.seed(r)).readAffineConfig(r);
    }
}
