package dev.kerasj.layers;

import dev.kerasj.internal.ConfigReader;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Randomly rotates images while training, as Keras 3's {@code RandomRotation}; the identity in inference. Each
 * image turns by an angle drawn uniformly from {@code [lower·2π, upper·2π]} about its centre
 * {@code ((w − 1)/2, (h − 1)/2)}, counter-clockwise for positive angles; a number {@code factor} means
 * {@code [−factor, factor]}. Points outside the image are filled per {@code fill_mode}; see
 * {@link AffineAugmentation}.
 *
 * <pre>{@code
 * new RandomRotation(0.1)                         // up to ±36°
 * new RandomRotation(-0.05, 0.05).fillMode("constant")
 * }</pre>
 *
 * <p>Defaults: {@code fill_mode} "reflect", {@code interpolation} "bilinear", {@code seed} none,
 * {@code fill_value} 0.
 */
public final class RandomRotation extends AffineAugmentation<RandomRotation> {
    private final double[] given;
    private final double[] range;

    public RandomRotation(double factor) {
        this(new double[] {factor}, null);
    }

    public RandomRotation(double lower, double upper) {
        this(new double[] {lower, upper}, null);
    }

    public RandomRotation(double[] factor, Long seed) {
        super(seed);
        this.range = ImageLayers.range("factor", factor, -1, 1, false);
        this.given = factor.clone();
    }

    /** The angle range as fractions of a full turn, {@code [lower, upper]}. */
    public double[] factor() {
        return range.clone();
    }

    @Override
    protected double[] drawTransform(SplittableRandom rng, int h, int w) {
        double angle = (range[0] + rng.nextDouble() * (range[1] - range[0])) * 2 * Math.PI;
        double cx = (w - 1) / 2.0;
        double cy = (h - 1) / 2.0;
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        return new double[] {cos, -sin, cx - cx * cos + cy * sin, sin, cos, cy - cx * sin - cy * cos, 0, 0};
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("factor", ImageLayers.factorConfig(given));
        putAffineConfig(c);
        return c;
    }

    public static RandomRotation fromConfig(Map<String, Object> config) {
        ConfigReader r = new ConfigReader("RandomRotation", config);
        return new RandomRotation(ImageLayers.factor(r, "factor"), ImageLayers.seed(r)).readAffineConfig(r);
    }
}
