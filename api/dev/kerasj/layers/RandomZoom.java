package dev.kerasj.layers;

import dev.kerasj.internal.ConfigReader;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * Randomly zooms images while training, as Keras 3's {@code RandomZoom}; the identity in inference. Each image
 * gets a vertical zoom {@code z} uniform in {@code [1 + lower, 1 + upper]} of {@code height_factor} (and a
 * horizontal one from {@code width_factor}, or the same {@code z} when it is not given), about the centre:
 * output {@code (x, y)} samples the input at {@code (z_x·x + (w−1)/2·(1 − z_x), z_y·y + (h−1)/2·(1 − z_y))}, so a
 * positive factor zooms out and a negative one in. Factors lie in (−1, 1]; a number {@code f} means
 * {@code [−f, f]}. See {@link AffineAugmentation} for the fill modes.
 *
 * <pre>{@code
 * new RandomZoom(0.1)
 * new RandomZoom(new double[] {-0.3, -0.1}, new double[] {-0.2, 0}, 7L)     // zoom in
 * }</pre>
 *
 * <p>Defaults: {@code width_factor} none (same zoom as the height), {@code fill_mode} "reflect",
 * {@code interpolation} "bilinear", {@code seed} none, {@code fill_value} 0.
 */
public final class RandomZoom extends AffineAugmentation<RandomZoom> {
    private final double[] heightGiven;
    private final double[] widthGiven;
    private final double[] height;
    private final double[] width;

    public RandomZoom(double heightFactor) {
        this(new double[] {heightFactor}, null, null);
    }

    public RandomZoom(double heightFactor, double widthFactor) {
        this(new double[] {heightFactor}, new double[] {widthFactor}, null);
    }

    /** Factors as one number or a {@code [lower, upper]} pair; {@code widthFactor} may be null. */
    public RandomZoom(double[] heightFactor, double[] widthFactor, Long seed) {
        super(seed);
        this.height = ImageLayers.range("height_factor", heightFactor, -1, 1, true);
        this.width = widthFactor == null ? null : ImageLayers.range("width_factor", widthFactor, -1, 1, true);
        this.heightGiven = heightFactor.clone();
        this.widthGiven = widthFactor == null ? null : widthFactor.clone();
    }

    @Override
    protected double[] drawTransform(SplittableRandom rng, int h, int w) {
        double zy = 1 + height[0] + rng.nextDouble() * (height[1] - height[0]);
        double zx = width == null ? zy : 1 + width[0] + rng.nextDouble() * (width[1] - width[0]);
        return new double[] {zx, 0, (w - 1) / 2.0 * (1 - zx), 0, zy, (h - 1) / 2.0 * (1 - zy), 0, 0};
    }

    @Override
    protected Map<String, Object> layerConfig() {
        return factorsConfig(heightGiven, widthGiven);
    }

    public static RandomZoom fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("RandomZoom", config);
        return new RandomZoom(ImageLayers.factor(r, "height_factor"), ImageLayers.factor(r, "width_factor"),
                ImageLayers.seed(r)).readAffineConfig(r);
    }
}
